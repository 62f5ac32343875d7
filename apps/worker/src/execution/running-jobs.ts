import { Injectable } from '@nestjs/common';

/** The jobs this worker process is running, so a cancellation can reach the right handler. */
@Injectable()
export class RunningJobs {
  private readonly controllers = new Map<string, AbortController>();

  /** Tracks a running job; the returned function forgets it. */
  register(jobId: string, controller: AbortController): () => void {
    this.controllers.set(jobId, controller);
    return () => {
      if (this.controllers.get(jobId) === controller) this.controllers.delete(jobId);
    };
  }

  ids(): string[] {
    return [...this.controllers.keys()];
  }

  /** Fires the job's AbortSignal with `reason`; false when this process is not running it. */
  abort(jobId: string, reason: Error): boolean {
    const controller = this.controllers.get(jobId);
    if (!controller || controller.signal.aborted) return false;
    controller.abort(reason);
    return true;
  }
}

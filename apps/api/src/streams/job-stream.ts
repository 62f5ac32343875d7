import { ErrorCode, isTerminalStatus, JobErrorCode, type JobStatus } from '@jobs/contracts';
import { type JobChange, type JobReads, type JobSummaryRecord, toJobResponse } from '@jobs/jobs';
import type { Logger } from '@nestjs/common';
import type { Response } from 'express';

/** How long past its timeout a running job may go unfinished before the stream reports JobTimeout. */
const TIMEOUT_GRACE_MS = 10_000;

/** The final event's id: the job's last updatedAt and this suffix. */
export function finalEventId(updatedAt: Date): string {
  return `${updatedAt.getTime()}.final`;
}

/**
 * One client's Server-Sent Events for one job. Events carry the job's `updatedAt` as their id, and a
 * change older than what was already sent (or than the client's `Last-Event-ID`) is not sent again.
 */
export class JobStream {
  private closed = false;
  private live = false;
  private readonly pending: JobChange[] = [];
  private sentUpdatedAt: number;
  private sentStatus: JobStatus | null = null;
  private sentProgress: string | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly ping: NodeJS.Timeout;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly jobId: string,
    private readonly response: Response,
    private readonly reads: JobReads,
    private readonly logger: Logger,
    options: { lastEventId: string | undefined; pingSeconds: number; onClose: () => void },
  ) {
    this.sentUpdatedAt = options.lastEventId && /^\d+$/.test(options.lastEventId) ? Number(options.lastEventId) : 0;
    this.ping = setInterval(() => this.write('ping', { at: new Date().toISOString() }), options.pingSeconds * 1000);
    this.cleanups.push(options.onClose);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  /** Sends the job's current state (or its result), then whatever arrived meanwhile, then goes live. */
  async start(): Promise<void> {
    this.response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    await this.guard(this.resync());
    this.live = true;
    for (const event of this.pending.splice(0)) await this.guard(this.apply(event));
  }

  /** A change announced by the database. Before `start` finishes, it waits its turn. */
  receive(event: JobChange): void {
    if (this.live) void this.guard(this.apply(event));
    else this.pending.push(event);
  }

  /** Reads the job again: after a lost listener connection, changes may have gone unheard. */
  refresh(): void {
    void this.guard(this.resync());
  }

  private async resync(): Promise<void> {
    const job = (await this.reads.findById(this.jobId))?.job;
    if (!job || isTerminalStatus(job.status)) return this.finish();
    await this.apply({
      id: job.id,
      status: job.status,
      progress: job.progress,
      attempts: job.attempts,
      updatedAt: job.updatedAt.getTime(),
    });
    this.armWatchdog(job);
  }

  /** Ends the stream because this API process is stopping: clients reconnect (to another replica) in 1 s and resume. */
  closeForShutdown(): void {
    if (!this.closed) this.response.write('retry: 1000\n\n');
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    if (this.watchdog) clearTimeout(this.watchdog);
    for (const cleanup of this.cleanups) cleanup();
    this.response.end();
  }

  private async apply(event: JobChange): Promise<void> {
    if (this.closed || event.updatedAt <= this.sentUpdatedAt) return;
    if (isTerminalStatus(event.status)) return this.finish();
    const id = String(event.updatedAt);
    if (event.status !== this.sentStatus) this.write('status', { jobId: this.jobId, status: event.status, attempts: event.attempts }, id);
    const progress = event.progress === null ? null : JSON.stringify(event.progress);
    if (progress !== null && progress !== this.sentProgress) this.write('progress', event.progress, id);
    this.sentUpdatedAt = event.updatedAt;
    this.sentStatus = event.status;
    this.sentProgress = progress;
    if (event.status === 'PROCESSING' && !this.watchdog) {
      const job = (await this.reads.findById(this.jobId))?.job;
      if (job) this.armWatchdog(job);
    }
  }

  /** The whole job as the `result` event (after an `error` for a timeout), then the end. */
  private async finish(): Promise<void> {
    if (this.closed) return;
    const found = await this.reads.findById(this.jobId);
    if (!found) {
      this.write('error', { code: ErrorCode.JOB_NOT_FOUND, message: `Job ${this.jobId} was deleted.` });
    } else {
      const { job, result } = found;
      if (job.errorCode === JobErrorCode.TIMEOUT) this.write('error', { code: JobErrorCode.TIMEOUT, message: job.errorMessage ?? 'The job timed out.' });
      this.write('result', toJobResponse(job, result), finalEventId(job.updatedAt));
    }
    this.close();
  }

  /** Reports JobTimeout when a running job outlives its timeout without ending (its worker died, say). */
  private armWatchdog(job: Pick<JobSummaryRecord, 'status' | 'startedAt' | 'timeoutSeconds'>): void {
    if (this.watchdog || this.closed || job.status !== 'PROCESSING' || !job.startedAt) return;
    const dueInMs = job.startedAt.getTime() + job.timeoutSeconds * 1000 + TIMEOUT_GRACE_MS - Date.now();
    this.watchdog = setTimeout(() => {
      void this.guard(
        this.reads.findById(this.jobId).then((found) => {
          const current = found?.job;
          if (!current || isTerminalStatus(current.status)) return this.finish();
          this.write('error', { code: JobErrorCode.TIMEOUT, message: `The job outlived its timeout of ${current.timeoutSeconds}s.` });
          this.close();
        }),
      );
    }, Math.max(0, dueInMs));
  }

  private write(event: string, data: unknown, id?: string): void {
    if (this.closed) return;
    this.response.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private async guard(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.logger.error(`stream of job ${this.jobId} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.write('error', { code: ErrorCode.INTERNAL_ERROR, message: 'The stream failed; reconnect to resume.' });
      this.close();
    }
  }
}

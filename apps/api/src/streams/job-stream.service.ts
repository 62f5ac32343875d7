import { isTerminalStatus } from '@jobs/contracts';
import { JobChanges, JobReads } from '@jobs/jobs';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { ApiEnvironment } from '../config/api-environment.js';
import { JobStream } from './job-stream.js';
import { parseEventId } from './stream-event-id.js';

@Injectable()
export class JobStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('JobStream');
  private readonly streams = new Set<JobStream>();

  constructor(
    private readonly reads: JobReads,
    private readonly changes: JobChanges,
    private readonly env: ApiEnvironment,
  ) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Ends every stream, so a stopping API is not held up by long-lived connections; clients reconnect (to another replica) after `retry:` and resume. */
  onModuleDestroy(): void {
    for (const stream of [...this.streams]) stream.close();
  }

  async open(principal: Principal, id: string, lastEventId: string | undefined, request: Request, response: Response): Promise<void> {
    const job = await this.reads.findVisible(principal, id);
    const resumeFrom = parseEventId(lastEventId);
    // A client that already has the final event and reconnects gets 204: EventSource then stops.
    if (isTerminalStatus(job.status) && resumeFrom?.final && resumeFrom.run === job.runAt.getTime()) {
      response.status(204).end();
      return;
    }
    const stream = new JobStream(id, response, this.reads, this.logger, {
      resumeFrom,
      pingSeconds: this.env.SSE_PING_SECONDS,
      onClose: () => this.streams.delete(stream),
    });
    this.streams.add(stream);
    // Subscribed before the job is read again, so no change in between is lost.
    stream.onClose(this.changes.subscribe(id, (signal) => (signal.kind === 'change' ? stream.receive(signal.change) : stream.refresh())));
    request.on('close', () => stream.close());
    await stream.start();
  }
}

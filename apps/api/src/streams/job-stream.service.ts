import { isTerminalStatus } from '@jobs/contracts';
import { JobChanges, JobReads } from '@jobs/jobs';
import { startSpan } from '@jobs/tracing';
import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { SseConnections } from '../sse/sse-connections.service.js';
import { JobStream } from './job-stream.js';
import { parseEventId, splitLogPosition } from './stream-event-id.js';

@Injectable()
export class JobStreamService {
  private readonly logger = new Logger('JobStream');

  constructor(
    private readonly reads: JobReads,
    private readonly changes: JobChanges,
    private readonly connections: SseConnections,
  ) {}

  async open(principal: Principal, id: string, lastEventId: string | undefined, logsAfter: number | null, request: Request, response: Response): Promise<void> {
    const job = await this.reads.findVisible(principal, id);
    const { runPart, logSeq } = splitLogPosition(lastEventId);
    const resumeFrom = parseEventId(runPart);
    // A client that already has the final event and reconnects gets 204: EventSource then stops.
    if (isTerminalStatus(job.status) && resumeFrom?.final && resumeFrom.run === job.runAt.getTime()) {
      response.status(204).end();
      return;
    }
    const connection = this.connections.start(request, response, 'job', `stream of job ${id}`, 'ping-event');
    // A child of the request's span, linked to the job's own trace (its submission and attempts).
    const span = startSpan('job.stream', { links: [job.traceParent], attributes: { 'job.id': id } });
    connection.onClose(() => span.end());
    // A resumed stream continues the log where the client is: from the start when its id has no position.
    const logsFrom = lastEventId === undefined ? logsAfter : (logSeq ?? 0);
    const stream = new JobStream(id, connection, this.reads, this.logger, resumeFrom, logsFrom);
    // Subscribed before the job is read again, so no change in between is lost.
    connection.onClose(
      this.changes.subscribe(id, (signal) => {
        if (signal.kind === 'change') stream.receive(signal.change);
        else if (signal.kind === 'logs') stream.receiveLogs(signal.seq);
        else stream.refresh();
      }),
    );
    await stream.start();
  }
}

import { ErrorCode, isTerminalStatus, JobErrorCode, JobStatus } from '@jobs/contracts';
import {
  type JobChange,
  type JobReads,
  type JobRecord,
  type JobSummaryRecord,
  lastSureStep,
  type ResultRecord,
  runStep,
  stepStatus,
  toJobLogLine,
  toJobResponse,
} from '@jobs/jobs';
import type { Logger } from '@nestjs/common';
import type { SseConnection } from '../sse/sse-connection.js';
import { formatEventId, type StreamEventId, withLogPosition } from './stream-event-id.js';

/** How long past its timeout a running job may go unfinished before the stream reports JobTimeout. */
const TIMEOUT_GRACE_MS = 10_000;

type FoundJob = { job: JobRecord; result: ResultRecord | null } | null;

/** Log lines read per query while catching up. */
const LOG_PAGE = 500;

/** What a stream needs to know of a change: the job's step and progress. */
type StreamedChange = Pick<JobChange, 'status' | 'progress' | 'attempts' | 'updatedAt'>;

/**
 * One client's Server-Sent Events for one job. Event ids say where in the job's run each event
 * stands (see stream-event-id.ts), so a client resuming with `Last-Event-ID` is sent every status
 * step it missed, in order, then the job's latest progress if it is newer than the client's, and
 * nothing it already has; a change older than what was already sent is not sent again.
 *
 * The job's log lines go out as `log` events, read from the table after the client's log position
 * whenever `job_logs` announces new ones (and before the `result`: a finished job's lines are all
 * stored), so a line is sent once and in order however the notifications arrive. Every id carries
 * that position (`withLogPosition`), so a resumed stream continues the log where the client left it.
 */
export class JobStream {
  private live = false;
  private readonly pending: StreamedChange[] = [];
  /** The run being streamed (the job's runAt), known from the first read of the job. */
  private run: number | null = null;
  /** How far the client has got in the run: null until it has any of it (a fresh start). */
  private sent: { step: number; progressAt: number } | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** The id part of the last status or progress the client has: log events carry it with their own position. */
  private lastRunId: string | null = null;
  /** The last log line the client has; null until known (then the job's last line at the start). */
  private logSeq: number | null;
  private logsPulling: Promise<void> | null = null;
  private logsAgain = false;

  constructor(
    private readonly jobId: string,
    private readonly connection: SseConnection,
    private readonly reads: JobReads,
    private readonly logger: Logger,
    private readonly resumeFrom: StreamEventId | null,
    logsAfter: number | null,
  ) {
    this.logSeq = logsAfter;
    connection.onClose(() => {
      if (this.watchdog) clearTimeout(this.watchdog);
    });
  }

  private get closed(): boolean {
    return this.connection.isClosed;
  }

  /** Sends what the client misses of the job (or its result), then whatever arrived meanwhile, then goes live. */
  async start(): Promise<void> {
    await this.guard(this.resync());
    this.live = true;
    for (const event of this.pending.splice(0)) await this.guard(this.apply(event));
    await this.guard(this.pullLogs());
  }

  /** The job's log reached line `seq`: sends the lines the client lacks. Before `start` finishes, its own read covers them. */
  receiveLogs(seq: number): void {
    if (this.live && this.logSeq !== null && seq > this.logSeq) void this.guard(this.pullLogs());
  }

  /** A change announced by the database. Before `start` finishes, it waits its turn. */
  receive(event: StreamedChange): void {
    if (this.live) void this.guard(this.apply(event));
    else this.pending.push(event);
  }

  /** Reads the job again: after a lost listener connection, changes may have gone unheard. */
  refresh(): void {
    void this.guard(this.resync().then(() => this.pullLogs()));
  }

  /** Sends every stored line after the client's position; one read at a time, and once more if lines were announced meanwhile. */
  private async pullLogs(): Promise<void> {
    if (this.logsPulling) {
      this.logsAgain = true;
      return this.logsPulling;
    }
    this.logsPulling = (async () => {
      do {
        this.logsAgain = false;
        for (;;) {
          if (this.closed || this.logSeq === null) return;
          const lines = await this.reads.logsAfter(this.jobId, this.logSeq, LOG_PAGE);
          for (const line of lines) {
            if (this.closed) return;
            this.logSeq = line.seq;
            this.write('log', toJobLogLine(line), this.lastRunId === null ? undefined : withLogPosition(this.lastRunId, line.seq));
          }
          if (lines.length < LOG_PAGE) break;
        }
      } while (this.logsAgain);
    })().finally(() => (this.logsPulling = null));
    return this.logsPulling;
  }

  private async resync(): Promise<void> {
    // Read first, so a line stored before the job is read again is either counted here or sent.
    this.logSeq ??= await this.reads.lastLogSeq(this.jobId);
    const found = await this.reads.findById(this.jobId);
    if (!found) return this.end(null);
    const { job } = found;
    if (this.run === null) {
      this.run = job.runAt.getTime();
      this.sent = this.resumePosition(job);
      if (this.sent) this.lastRunId = formatEventId({ run: this.run, final: false, ...this.sent });
    } else if (job.runAt.getTime() !== this.run) {
      // Retried since: the client reconnects, and its ids of the old run start the new one afresh.
      return this.close();
    }
    if (isTerminalStatus(job.status)) return await this.end(found);
    // Armed from this read first, so that `apply` need not read the job again for it.
    this.armWatchdog(job);
    await this.apply({ status: job.status, progress: job.progress, attempts: job.attempts, updatedAt: job.updatedAt.getTime() });
  }

  /** Where the client's `Last-Event-ID` leaves it in the job's current run; null (start afresh) for an id of no step the run has reached. */
  private resumePosition(job: JobSummaryRecord): { step: number; progressAt: number } | null {
    const from = this.resumeFrom;
    if (!from || from.final || from.run !== job.runAt.getTime()) return null;
    // An ended job may have waited for a retry once more after the start of its last attempt.
    const reached = runStep(job.status === JobStatus.PROCESSING ? JobStatus.PROCESSING : JobStatus.PENDING, job.attempts);
    if (from.step > reached || from.progressAt > job.updatedAt.getTime()) return null;
    return { step: from.step, progressAt: from.progressAt };
  }

  close(): void {
    this.connection.close();
  }

  private async apply(change: StreamedChange): Promise<void> {
    if (this.closed || this.run === null) return;
    if (change.status !== JobStatus.PENDING && change.status !== JobStatus.PROCESSING) return await this.end(await this.reads.findById(this.jobId));
    const step = runStep(change.status, change.attempts);
    if (this.sent && step < this.sent.step) return;
    // Every step between the client's and this one happened (a run only goes forward), so each is sent.
    for (let next = this.sent ? this.sent.step + 1 : step; next <= step; next += 1) this.writeStatus(next);
    const sent = this.sent && this.sent.step === step ? this.sent : { step, progressAt: 0 };
    this.sent = sent;
    // Progress belongs to the running attempt; a wait's leftover progress of the failed attempt is not news.
    if (change.status === JobStatus.PROCESSING && change.progress !== null && change.updatedAt > sent.progressAt) {
      this.lastRunId = formatEventId({ run: this.run, final: false, step, progressAt: change.updatedAt });
      this.write('progress', change.progress, this.eventId(this.lastRunId));
      sent.progressAt = change.updatedAt;
    }
    if (change.status === JobStatus.PROCESSING && !this.watchdog) {
      const job = (await this.reads.findById(this.jobId))?.job;
      if (job) this.armWatchdog(job);
    }
  }

  /**
   * The steps the client missed before the end, the log lines it lacks, the `error` of a timeout,
   * the whole job as the `result`, then the end. The job as found: null when it was deleted.
   */
  private async end(found: FoundJob): Promise<void> {
    if (this.closed) return;
    if (!found) {
      this.write('error', { code: ErrorCode.JOB_NOT_FOUND, message: `Job ${this.jobId} was deleted.` });
      return this.close();
    }
    const { job, result } = found;
    const run = job.runAt.getTime();
    // Retried since the change that ended it: its result is gone, and a reconnect starts the new run.
    if (!isTerminalStatus(job.status) || run !== this.run) return this.close();
    if (this.sent) for (let step = this.sent.step + 1; step <= lastSureStep(job.attempts); step += 1) this.writeStatus(step);
    // A fresh client of a finished job gets no steps: its lines carry the last one, where the result leaves it.
    this.lastRunId ??= formatEventId({ run, final: false, step: lastSureStep(job.attempts), progressAt: 0 });
    // The worker stored the job's lines before its end: the log is complete now.
    await this.pullLogs();
    if (this.closed) return;
    if (job.errorCode === JobErrorCode.TIMEOUT) this.write('error', { code: JobErrorCode.TIMEOUT, message: job.errorMessage ?? 'The job timed out.' });
    this.write('result', toJobResponse(job, result), this.eventId(formatEventId({ run, final: true })));
    this.close();
  }

  private writeStatus(step: number): void {
    if (this.run === null) return;
    const { status, attempts } = stepStatus(step);
    this.lastRunId = formatEventId({ run: this.run, final: false, step, progressAt: 0 });
    this.write('status', { jobId: this.jobId, status, attempts }, this.eventId(this.lastRunId));
  }

  private eventId(runId: string): string {
    return withLogPosition(runId, this.logSeq ?? 0);
  }

  /** Reports JobTimeout when a running job outlives its timeout without ending (its worker died, say). */
  private armWatchdog(job: Pick<JobSummaryRecord, 'status' | 'startedAt' | 'timeoutSeconds'>): void {
    if (this.watchdog || this.closed || job.status !== JobStatus.PROCESSING || !job.startedAt) return;
    const dueInMs = job.startedAt.getTime() + job.timeoutSeconds * 1000 + TIMEOUT_GRACE_MS - Date.now();
    this.watchdog = setTimeout(() => {
      void this.guard(
        this.reads.findById(this.jobId).then(async (found) => {
          const current = found?.job;
          if (!current || isTerminalStatus(current.status)) return this.end(found);
          this.write('error', { code: JobErrorCode.TIMEOUT, message: `The job outlived its timeout of ${current.timeoutSeconds}s.` });
          this.close();
        }),
      );
    }, Math.max(0, dueInMs));
  }

  private write(event: string, data: unknown, id?: string): void {
    this.connection.send(event, data, id);
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

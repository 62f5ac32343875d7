import type { JobLogLevel, JobProgress } from '@jobs/contracts';
import type { AttemptLog } from '../logs/attempt-log.js';
import type { FetchedEntry } from '../queue/job-queue.js';
import type { ClaimedRow } from './claim-jobs.js';
import type { JobFailure } from './job-failure.js';
import type { ProgressReporter } from './progress-reporter.js';

/** A job a worker claimed, as its runner sees it. */
export interface ClaimedJob {
  readonly id: string;
  readonly type: string;
  /** As stored: the runner validates it against the type's contract. */
  readonly payload: unknown;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly timeoutSeconds: number;
  /** The id of the HTTP request that submitted the job, for log lines. */
  readonly requestId: string | undefined;
  /** Fires when the job is cancelled, its claim is lost or the worker stops; the reason is a {@link JobFailure}. */
  readonly signal: AbortSignal;
  /** Records progress; reports are coalesced per job and written together with other jobs', so reporting often is cheap. */
  reportProgress(progress: JobProgress): void;
  /** Records a line of the job's own log; lines are written in batches with other jobs', before the attempt's end. */
  log(level: JobLogLevel, message: string, fields?: Record<string, unknown> | null): void;
}

/** How an attempt ended, as its runner says. */
export type AttemptOutcome =
  | { status: 'completed'; data: object }
  | {
      status: 'failed';
      failure: JobFailure;
      /** A handler that was aborted but may still be running: its queue entry is held until it settles, so no second copy starts beside it. */
      handlerSettled?: Promise<unknown>;
    };

/** What was recorded of an attempt. */
export type AttemptEnd =
  | { status: 'COMPLETED' }
  /** The attempt had lost its claim (cancelled, deleted or redelivered meanwhile): its result was discarded. */
  | { status: 'DISCARDED' }
  | { status: 'CANCELLED' }
  /** `recorded` is false when the attempt had lost its claim, and the job was left as it was. */
  | { status: 'FAILED' | 'RETRYING'; failure: JobFailure; recorded: boolean }
  /** The database could not be told; the queue entry is retried when its heartbeat lapses. */
  | { status: 'UNRECORDED'; error: unknown };

/** What was recorded of an attempt, and how long its handler ran. */
export type AttemptSettlement = AttemptEnd & { durationMs: number };

/** Runs the jobs of one type in a worker. */
export interface AttemptRunner {
  run(job: ClaimedJob): Promise<AttemptOutcome>;
  /** After the attempt's end was written: for logs and metrics. */
  settled(job: ClaimedJob, settlement: AttemptSettlement): void;
}

/** A claimed attempt inside the package: the job, its queue entry and its controls. */
export interface Attempt {
  job: ClaimedJob;
  entry: FetchedEntry;
  row: ClaimedRow;
  controller: AbortController;
  progress: ProgressReporter;
  log: AttemptLog;
}

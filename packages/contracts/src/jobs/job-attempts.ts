/**
 * How an attempt ended. Written in the order the OpenAPI document lists them (see JobStatus).
 * `RETRIED`: it failed and another attempt follows; `LOST`: its worker died or lost its claim.
 */
export type AttemptOutcome = 'COMPLETED' | 'FAILED' | 'RETRIED' | 'TIMED_OUT' | 'CANCELLED' | 'LOST';

/** Each outcome by name. */
export const AttemptOutcome: { readonly [Outcome in AttemptOutcome]: Outcome } = {
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  RETRIED: 'RETRIED',
  TIMED_OUT: 'TIMED_OUT',
  CANCELLED: 'CANCELLED',
  LOST: 'LOST',
};

/** The worker process that ran an attempt. */
export interface AttemptWorker {
  id: string;
  host: string;
  pid: number;
}

/** One run of a job's handler. */
export interface JobAttempt {
  /** 1 for the first attempt of a run, 2 for its first automatic retry, … */
  number: number;
  /** 1 for the job's first run, 2 after its first manual retry (which numbers its attempts from 1 again), … */
  run: number;
  /** Null when the worker is unknown (it was never registered). */
  worker: AttemptWorker | null;
  startedAt: string;
  /** Null while it runs. */
  finishedAt: string | null;
  /** Null while it runs. */
  outcome: AttemptOutcome | null;
  error: { code: string; message: string } | null;
  /** From its start to its end; null while it runs. */
  durationMs: number | null;
}

export interface JobAttemptListResponse {
  jobId: string;
  /** Oldest first. */
  items: JobAttempt[];
}

/** How severe a job's log line is; the marker a truncated log ends with is `warn`. */
export const JOB_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type JobLogLevel = (typeof JOB_LOG_LEVELS)[number];

/** `GET /v1/jobs/:id/logs`: lines after `after` (a `seq`), `limit` at most. */
export const JOB_LOG_LIMITS = { defaultLimit: 200, maxLimit: 1000 } as const;

/** One line a job's handler logged through its context's logger. */
export interface JobLogLine {
  /** 1, 2, … in the order the job logged them, across its attempts. */
  seq: number;
  /** The attempt that logged it: 1 on the first run. */
  attempt: number;
  level: JobLogLevel;
  /** When the handler logged it (ISO 8601). */
  time: string;
  message: string;
  /** The structured fields the handler passed with it, if any. */
  fields: Record<string, unknown> | null;
  /** True on the marker line that ends a log which reached its bound: later lines were dropped. */
  truncated: boolean;
}

export interface JobLogsQuery {
  /** Lines with a larger `seq` (default 0: from the start). */
  after?: number;
  limit?: number;
}

/** `GET /v1/jobs/:id/stream`'s query. */
export interface JobStreamQuery {
  /**
   * Send the job's log lines after this `seq` first (0: all of them), then new ones. Without it a
   * fresh stream sends only lines logged after it opened; `Last-Event-ID` takes precedence.
   */
  logsAfter?: number;
}

export interface JobLogsResponse {
  data: JobLogLine[];
  /** The `seq` of the last line returned (pass as `after` for the next page), or `after` when there were none. */
  lastSeq: number;
  /** More lines follow `lastSeq` already. */
  hasMore: boolean;
}

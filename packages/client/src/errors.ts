import type { ErrorCode, FieldError, JobSummary, ProblemDetails } from '@jobs/contracts';

/** A problem response from the API (RFC 9457), with its stable `code`. */
export class JobsApiError extends Error {
  override name = 'JobsApiError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  /** Seconds the API asked the caller to wait (`Retry-After`), on 429, 503 and some 409s. */
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly problem: ProblemDetails,
    retryAfterSeconds: number | null = null,
  ) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** True when the same request may succeed later: rate limited, database or upstream unreachable. */
  get retryable(): boolean {
    return this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** Narrows an unknown error to a problem with one of the given codes. */
export function isJobsApiError<Code extends ErrorCode>(error: unknown, ...codes: Code[]): error is JobsApiError & { code: Code } {
  return error instanceof JobsApiError && (codes.length === 0 || (codes as ErrorCode[]).includes(error.code));
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** `waitFor` ran out of time; the job goes on. */
export class JobsWaitTimeoutError extends Error {
  override name = 'JobsWaitTimeoutError';

  constructor(
    readonly jobId: string,
    readonly lastStatus: JobSummary | null,
  ) {
    super(`job ${jobId} did not finish in time${lastStatus ? ` (last seen ${lastStatus.status})` : ''}`);
  }
}

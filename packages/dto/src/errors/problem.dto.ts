import type * as wire from '@jobs/contracts';

export class FieldError implements wire.FieldError {
  /** Path of the offending field, e.g. `payload.text` or `jobs[3].type`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, served as `application/problem+json`. */
export class ProblemDetails implements wire.ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: wire.ErrorCode;
  instance?: string;
  errors?: FieldError[];
  /** Extra facts for some codes, e.g. the known job types or a job's current status. */
  [extension: string]: unknown;
}

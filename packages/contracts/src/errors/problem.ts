import type { ErrorCode } from './error-codes.js';

export interface FieldError {
  /** Path of the offending field, e.g. `payload.text` or `jobs[3].type`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, served as `application/problem+json`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  /** Extra facts for some codes, e.g. the known job types or a job's current status. */
  [extension: string]: unknown;
}

/** The `type` of problems with this code (`/problems/job-not-found`): a page the API serves about it. */
export function problemType(code: ErrorCode): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

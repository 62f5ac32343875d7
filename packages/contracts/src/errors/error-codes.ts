/** Stable machine-readable codes carried by every problem response (`code`). */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNKNOWN_JOB_TYPE: 'UNKNOWN_JOB_TYPE',
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  RESULT_NOT_FOUND: 'RESULT_NOT_FOUND',
  SCHEDULE_NOT_FOUND: 'SCHEDULE_NOT_FOUND',
  JOB_NOT_COMPLETED: 'JOB_NOT_COMPLETED',
  JOB_ALREADY_FINISHED: 'JOB_ALREADY_FINISHED',
  JOB_NOT_RETRYABLE: 'JOB_NOT_RETRYABLE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  MALFORMED_JSON: 'MALFORMED_JSON',
  INVALID_CURSOR: 'INVALID_CURSOR',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes a job's `error.code` can carry when the platform itself ended the job. */
export const JobErrorCode = {
  TIMEOUT: 'JobTimeout',
  INVALID_PAYLOAD: 'InvalidPayload',
  HANDLER_ERROR: 'HandlerError',
  CANCELLED: 'Cancelled',
  WORKER_LOST: 'WorkerLost',
} as const;
export type JobErrorCode = (typeof JobErrorCode)[keyof typeof JobErrorCode];

/**
 * The code for a bare HTTP status, where nothing more specific is known: a framework's own error in
 * the API, or a proxy's answer without a problem document in a client.
 */
const GENERIC_CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  502: ErrorCode.SERVICE_UNAVAILABLE,
  503: ErrorCode.SERVICE_UNAVAILABLE,
  504: ErrorCode.SERVICE_UNAVAILABLE,
};

export function errorCodeForStatus(status: number): ErrorCode {
  return GENERIC_CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED);
}

export interface ErrorCodeInfo {
  /** The HTTP status a problem with this code is answered with. */
  status: number;
  /** What the code means and what a caller can do about it, for people (the `/problems/…` pages). */
  meaning: string;
}

/** Every problem code with its HTTP status and meaning: the one table the API and its pages read. */
export const ERROR_CODES: Readonly<Record<ErrorCode, ErrorCodeInfo>> = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'The body, query or path parameters are not valid; `errors` lists each offending field with a message. Correct them and send the request again.',
  },
  MALFORMED_JSON: { status: 400, meaning: 'The request body is not valid JSON; `detail` says where parsing stopped.' },
  INVALID_CURSOR: {
    status: 400,
    meaning: 'The list `cursor` was not issued by this API, was altered, or belongs to another query (other filters or sort); list again from the first page.',
  },
  UNKNOWN_JOB_TYPE: {
    status: 400,
    meaning: 'No job type of this name is registered; `knownTypes` lists the ones that are (so does `GET /v1/job-types`).',
  },
  UNAUTHORIZED: {
    status: 401,
    meaning: 'The bearer token is missing, malformed, expired, not yet valid, wrongly signed or issued for another service; send `Authorization: Bearer <JWT>`.',
  },
  FORBIDDEN: {
    status: 403,
    meaning: "The token is valid but its holder may not do this: an admin-only route or parameter, or deleting another owner's job seen through an organisation.",
  },
  JOB_NOT_FOUND: { status: 404, meaning: 'No job with this id exists, or it belongs to an owner the caller cannot see.' },
  RESULT_NOT_FOUND: { status: 404, meaning: "No result with this id exists, or its job belongs to an owner the caller cannot see." },
  SCHEDULE_NOT_FOUND: { status: 404, meaning: 'No schedule with this id exists, or it belongs to an owner the caller cannot see.' },
  NOT_FOUND: { status: 404, meaning: 'No route answers this method and path; `/openapi.json` lists the routes there are.' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    meaning: 'The resource does not accept this HTTP method. Clients map a bare 405 from a proxy to this code; the API itself answers a method a path lacks with `NOT_FOUND`.',
  },
  JOB_NOT_COMPLETED: {
    status: 409,
    meaning: 'The job has not completed, so it has no result yet; `jobStatus` is its current status. Poll its status or stream it, then ask again.',
  },
  JOB_ALREADY_FINISHED: {
    status: 409,
    meaning: 'The job is already COMPLETED, FAILED or CANCELLED and can no longer be cancelled; `jobStatus` says which.',
  },
  JOB_NOT_RETRYABLE: {
    status: 409,
    meaning: 'Only FAILED or CANCELLED jobs of a registered type can be queued again; `jobStatus` is the job\'s current status.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The request body is larger than the server accepts (`BODY_LIMIT_BYTES`, 1 MiB unless configured).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The request has a body that is not declared as JSON; send it with `Content-Type: application/json`.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    meaning: 'The caller already used this `Idempotency-Key` with a different body; use a new key for a different request.',
  },
  RATE_LIMITED: {
    status: 429,
    meaning: 'Too many requests for this token (or address, before authentication) in a minute; retry after the `Retry-After` header\'s seconds.',
  },
  INTERNAL_ERROR: { status: 500, meaning: 'An unexpected error in the server, which logged it; nothing about the request was wrong.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    meaning: 'The service cannot reach its database right now, or is not ready; retry after the `Retry-After` header\'s seconds. Accepted jobs are not lost.',
  },
};

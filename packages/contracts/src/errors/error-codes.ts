/** Stable machine-readable codes carried by every problem response (`code`). */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNKNOWN_JOB_TYPE: 'UNKNOWN_JOB_TYPE',
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  RESULT_NOT_FOUND: 'RESULT_NOT_FOUND',
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

/** The HTTP status each problem code is answered with. */
export const ERROR_CODE_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  UNKNOWN_JOB_TYPE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  JOB_NOT_FOUND: 404,
  RESULT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  JOB_NOT_COMPLETED: 409,
  JOB_ALREADY_FINISHED: 409,
  JOB_NOT_RETRYABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

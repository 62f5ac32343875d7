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

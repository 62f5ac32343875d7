import { ErrorCode, type FieldError } from '@jobs/contracts';

/**
 * A request the job domain refuses, with the stable code of the contract (`ErrorCode`): the API
 * answers it as a problem document with the code's status, a worker logs it.
 */
export class JobsError extends Error {
  override name = 'JobsError';

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: {
      errors?: FieldError[];
      /** Extra members of the problem document, e.g. a job's current `jobStatus`. */
      extensions?: Record<string, unknown>;
      /** When asking again may give another answer (a job still running). */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(detail);
  }

  static validation(errors: FieldError[], detail = 'The request is not valid; see errors.'): JobsError {
    return new JobsError(ErrorCode.VALIDATION_FAILED, detail, { errors });
  }

  static jobNotFound(id: string): JobsError {
    return new JobsError(ErrorCode.JOB_NOT_FOUND, `No job with id ${id}.`);
  }

  static scheduleNotFound(id: string): JobsError {
    return new JobsError(ErrorCode.SCHEDULE_NOT_FOUND, `No schedule with id ${id}.`);
  }

  static unknownType(type: string, knownTypes: readonly string[]): JobsError {
    return new JobsError(ErrorCode.UNKNOWN_JOB_TYPE, `Unknown job type "${type}". Known types: ${knownTypes.join(', ')}.`, {
      errors: [{ field: 'type', message: `type must be one of: ${knownTypes.join(', ')}` }],
      extensions: { knownTypes: [...knownTypes] },
    });
  }

  static resultNotFound(id: string): JobsError {
    return new JobsError(ErrorCode.RESULT_NOT_FOUND, `No result with id ${id}.`);
  }

  static forbidden(detail: string): JobsError {
    return new JobsError(ErrorCode.FORBIDDEN, detail);
  }
}

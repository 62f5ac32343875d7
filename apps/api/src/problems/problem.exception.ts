import { ErrorCode, type FieldError } from '@jobs/contracts';
import { HttpException } from '@nestjs/common';

export interface ProblemExtras {
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extra members of the problem document, e.g. `knownTypes` or `status` of a job. */
  extensions?: Record<string, unknown>;
}

/** An error that becomes an RFC 9457 problem response with a stable `code`. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail, status);
  }

  static validation(errors: FieldError[], detail = 'The request is not valid; see errors.'): ProblemException {
    return new ProblemException(400, ErrorCode.VALIDATION_FAILED, detail, { errors });
  }
}

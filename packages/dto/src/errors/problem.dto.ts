import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../common/api-schema.js';

export class FieldError implements wire.FieldError {
  /** Path of the offending field, e.g. `payload.text` or `jobs[3].type`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, served as `application/problem+json`. */
export class ProblemDetails implements wire.ProblemDetails {
  /** A URI naming the kind of problem. */
  @ApiProperty({ format: 'uri-reference' })
  type: string;
  title: string;
  /** The HTTP status, repeated. */
  @ApiInteger({ minimum: 400, maximum: 599 })
  status: number;
  detail: string;
  code: wire.ErrorCode;
  instance?: string;
  errors?: FieldError[];
  /** Extra facts for some codes, e.g. the known job types or a job's current status. */
  [extension: string]: unknown;
}

import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class ResultLinks implements wire.ResultLinks {
  self: string;
  job: string;
}

export class ResultResponse implements wire.ResultResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  jobId: string;
  /** The result type, e.g. `indicators`. */
  type: string;
  /** True when `data` is the type's compact form. */
  compact: boolean;
  /** The result, of the schema `type` (and `compact`) name. */
  data: unknown;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  links: ResultLinks;
}

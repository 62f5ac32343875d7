import type * as wire from '@jobs/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { parseBooleanString } from '../common/boolean-string.js';

export class ResultQuery implements wire.ResultQuery {
  /** Return the result type's compact form. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'compact must be true or false' })
  compact?: boolean;
}

import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** `true`/`false` (or `1`/`0`) from a query string; anything else stays as given and fails validation. */
export function parseBooleanQuery({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

export class ResultQuery {
  /** Return the result type's compact form. */
  @IsOptional()
  @Transform(parseBooleanQuery)
  @IsBoolean({ message: 'compact must be true or false' })
  compact?: boolean;
}

import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsString, MaxLength, isISO8601 } from 'class-validator';

/** `a,b,c` (or repeated parameters) as a list of trimmed, non-empty strings. */
export function parseCommaList({ value }: { value: unknown }): unknown {
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null;
  if (parts === null || parts.some((part) => typeof part !== 'string')) return value;
  return (parts as string[]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * The forms `parseInstant` takes: Unix milliseconds, or an ISO 8601 date with an optional `T` time
 * (`Z` or an offset). The document states it, and the parser refuses what it does not match, so both agree.
 */
export const INSTANT_PATTERN = '^(\\d{1,15}|\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?)$';

const INSTANT = new RegExp(INSTANT_PATTERN);

/**
 * A point in time from a query string: ISO 8601 (`2026-01-31`, `2026-01-31T12:00:00Z`) or Unix
 * milliseconds (`1769860800000`), in the forms `INSTANT_PATTERN` documents. Anything else is left as
 * is, to fail `@IsDate`.
 */
export function parseInstant({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !INSTANT.test(value)) return value;
  if (/^\d{1,15}$/.test(value)) return new Date(Number(value));
  if (isISO8601(value, { strict: true, strictSeparator: true })) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

export const INSTANT_FORMAT = 'an ISO 8601 date or date-time, or Unix milliseconds';

/** A query parameter `parseInstant` reads, documented as the strings it accepts rather than a `date-time`. */
export function ApiInstantQuery(description: string): PropertyDecorator {
  return ApiProperty({
    required: false,
    type: 'string',
    pattern: INSTANT_PATTERN,
    description: `${description} A date (\`2026-01-31\`, midnight UTC), an ISO 8601 date-time (\`2026-01-31T12:00:00Z\`) or Unix milliseconds (\`1769860800000\`).`,
    example: '2026-01-31T12:00:00Z',
  });
}

/** A comma-separated list in one parameter (`status=FAILED,CANCELLED`): a form-style, unexploded array. */
function commaListProperty(items: ApiPropertyOptions['items']): PropertyDecorator {
  return ApiProperty({ required: false, type: 'array', items, style: 'form', explode: false } as ApiPropertyOptions);
}

function composed(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** A comma-separated list of names (job types, result types), at most 50 of up to 100 characters. */
export function NameListQuery(): PropertyDecorator {
  return composed(
    commaListProperty({ type: 'string', maxLength: 100 }),
    Transform(parseCommaList),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
  );
}

/** A comma-separated list of statuses, each one of `allowed`. */
export function StatusListQuery(field: string, allowed: readonly string[]): PropertyDecorator {
  return composed(
    commaListProperty({ type: 'string', enum: [...allowed] }),
    Transform(parseCommaList),
    IsIn(allowed, { each: true, message: `${field} must be a comma-separated list of: ${allowed.join(', ')}` }),
  );
}

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
 * The first instant after year 9999. Fifteen digits of Unix milliseconds reach year 33658, which
 * neither RFC 3339 nor the database driver can write; ISO dates stop at 9999 by their form (and
 * `isISO8601`'s strict mode already refuses years before 100).
 */
const AFTER_YEAR_9999 = Date.parse('+010000-01-01T00:00:00Z');

/**
 * A point in time from a query string: ISO 8601 (`2026-01-31`, `2026-01-31T12:00:00Z`) or Unix
 * milliseconds (`1769860800000`), in the forms `INSTANT_PATTERN` documents, up to the end of year 9999.
 * Anything else is left as is, to fail `@IsDate`.
 */
export function parseInstant({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !INSTANT.test(value)) return value;
  const date = /^\d{1,15}$/.test(value) ? new Date(Number(value)) : isISO8601(value, { strict: true, strictSeparator: true }) ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime()) || date.getTime() >= AFTER_YEAR_9999) return value;
  return date;
}

export const INSTANT_FORMAT = 'an ISO 8601 date or date-time, or Unix milliseconds, up to the end of year 9999';

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

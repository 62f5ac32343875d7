import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsString, MaxLength, isISO8601 } from 'class-validator';

/** `a,b,c` (or repeated parameters) as a list of trimmed, non-empty strings. */
export function parseCommaList({ value }: { value: unknown }): unknown {
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null;
  if (parts === null || parts.some((part) => typeof part !== 'string')) return value;
  return (parts as string[]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * A point in time from a query string: ISO 8601 (`2026-01-31`, `2026-01-31T12:00:00Z`) or Unix
 * milliseconds (`1769860800000`). Anything else is left as is, to fail `@IsDate`.
 */
export function parseInstant({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{1,15}$/.test(value)) return new Date(Number(value));
  if (isISO8601(value, { strict: true, strictSeparator: true })) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

export const INSTANT_FORMAT = 'an ISO 8601 date or date-time, or Unix milliseconds';

function composed(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** A comma-separated list of names (job types, result types), at most 50 of up to 100 characters. */
export function NameListQuery(): PropertyDecorator {
  return composed(Transform(parseCommaList), ArrayMaxSize(50), IsString({ each: true }), MaxLength(100, { each: true }));
}

/** A comma-separated list of statuses, each one of `allowed`. */
export function StatusListQuery(field: string, allowed: readonly string[]): PropertyDecorator {
  return composed(
    Transform(parseCommaList),
    IsIn(allowed, { each: true, message: `${field} must be a comma-separated list of: ${allowed.join(', ')}` }),
  );
}

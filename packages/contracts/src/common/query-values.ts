/**
 * A point in time in a query string as the API reads it: a `Date` (sent as ISO 8601), ISO 8601 text
 * (`2026-01-31`, `2026-01-31T12:00:00Z`) or Unix milliseconds.
 */
export type QueryInstant = Date | string | number;

/**
 * Between the URL's instants and `<input type="datetime-local">`, which shows and takes local time
 * without a zone. The URL keeps UTC (`2026-12-06T13:03:00Z`) so that a shared link means the same
 * moment wherever it is opened.
 */

/** The input's value (`YYYY-MM-DDTHH:mm`, local time) for an instant the API reads; empty if unreadable. */
export function instantToLocalInput(instant: string | null): string {
  if (instant === null) return '';
  const time = /^\d+$/.test(instant) ? Number(instant) : Date.parse(instant);
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant (UTC, to the second) an input's local value stands for; null when empty or unreadable. */
export function localInputToInstant(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds] = match.map(Number) as number[];
  const date = new Date(year ?? 0, (month ?? 1) - 1, day, hours, minutes, Number.isNaN(seconds) ? 0 : seconds);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

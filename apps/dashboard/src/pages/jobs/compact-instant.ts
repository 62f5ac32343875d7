import { formatInstant } from '../../format/format.js';

/**
 * An instant short enough for a table cell: the time alone when it is today (local), the date and
 * minute otherwise. The full instant goes in the cell's title.
 */
export function compactInstant(iso: string | null, now: Date = new Date()): string {
  const full = formatInstant(iso);
  if (iso === null || !/^\d{4}-\d{2}-\d{2} /.test(full)) return full;
  const date = new Date(iso);
  const today = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return today ? full.slice(11) : full.slice(0, 16);
}

import { prettyJson } from '../json-text.js';
import { isRecord } from './result-shapes.js';

export interface KeyValueRow {
  key: string;
  /** The value as text: a number, string or boolean as it is, an object or list as pretty JSON. */
  text: string;
  /** Whether `text` is JSON spanning lines (shown preformatted). */
  structured: boolean;
}

/** An object's fields as rows; null for anything that is not an object (shown as JSON instead). */
export function keyValueRows(data: unknown): KeyValueRow[] | null {
  if (!isRecord(data)) return null;
  return Object.entries(data).map(([key, value]) =>
    typeof value === 'object' && value !== null ? { key, text: prettyJson(value), structured: true } : { key, text: value === null ? 'null' : String(value), structured: false },
  );
}

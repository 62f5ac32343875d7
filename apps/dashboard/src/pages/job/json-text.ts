/** A value as indented JSON text (what the page shows of payloads, metadata and results: text, never HTML). */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Beyond this many characters a block shows its start and offers the rest: a sample's base64 payload can run to megabytes. */
export const JSON_BLOCK_LIMIT = 100_000;

/** The first `limit` characters of a text, and how many were left out. */
export function clipText(text: string, limit: number): { shown: string; hidden: number } {
  return text.length <= limit ? { shown: text, hidden: 0 } : { shown: text.slice(0, limit), hidden: text.length - limit };
}

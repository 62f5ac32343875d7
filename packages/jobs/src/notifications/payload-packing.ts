/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. Like the `jobs_notify_changes` trigger,
 * items are packed into JSON arrays of at most this many bytes, leaving room to spare.
 */
export const MAX_PAYLOAD_BYTES = 7900;

/** JSON items packed, in order, into as few JSON arrays as fit under `maxBytes` each (an item never is split). */
export function packPayloads(items: readonly unknown[], maxBytes = MAX_PAYLOAD_BYTES): string[] {
  const encoder = new TextEncoder();
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const text = JSON.stringify(item);
    const size = encoder.encode(text).byteLength + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0) payloads.push(`[${current.join(',')}]`);
  return payloads;
}

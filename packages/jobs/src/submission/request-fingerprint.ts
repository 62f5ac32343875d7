import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so two equal bodies fingerprint alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A request's fingerprint, stored with the jobs an Idempotency-Key made: which kind of submission, and what body. */
export function requestFingerprint(kind: string, body: unknown): string {
  return createHash('sha256').update(`${kind}\n${canonicalJson(body)}`).digest('hex');
}

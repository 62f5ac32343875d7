import { createHash } from 'node:crypto';
import { ErrorCode } from '@jobs/contracts';
import { ProblemException } from '../problems/problem.exception.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` header (IETF draft: a structured-field string, so `"…"`; a bare token is
 * accepted too). Undefined when absent; 400 when malformed.
 */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = /^"(.*)"$/.exec(header.trim())?.[1] ?? header.trim();
  if (!KEY_PATTERN.test(key)) {
    throw ProblemException.validation(
      [{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }],
      'The Idempotency-Key header is not valid.',
    );
  }
  return key;
}

/** JSON with object keys sorted at every level, so two equal bodies fingerprint alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The request's fingerprint: which route, and what body. */
export function requestFingerprint(route: string, body: unknown): string {
  return createHash('sha256').update(`${route}\n${canonicalJson(body)}`).digest('hex');
}

export function keyReused(key: string): ProblemException {
  return new ProblemException(
    422,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    `Idempotency-Key "${key}" was already used for a different request; use a new key for a new request.`,
  );
}

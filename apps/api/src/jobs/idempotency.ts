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

import { describe, expect, it } from '@jest/globals';
import { parseIdempotencyKey } from './idempotency.js';

describe('parseIdempotencyKey', () => {
  it('accepts a structured-field string or a bare token', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('order-42')).toBe('order-42');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each(['', '""', 'has space', 'x'.repeat(256), 'ünïcode'])('refuses %j', (header) => {
    expect(() => parseIdempotencyKey(header)).toThrow('The Idempotency-Key header is not valid.');
  });
});


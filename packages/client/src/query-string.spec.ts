import { describe, expect, it } from '@jest/globals';
import { toQueryString } from './query-string.js';

describe('toQueryString', () => {
  it('writes lists comma-separated and instants as ISO 8601, leaving out empty members', () => {
    expect(
      toQueryString({ status: ['FAILED', 'CANCELLED'], createdFrom: new Date(Date.UTC(2026, 0, 2)), limit: 10, compact: false, q: undefined, ownerId: null }),
    ).toBe('?status=FAILED%2CCANCELLED&createdFrom=2026-01-02T00%3A00%3A00.000Z&limit=10&compact=false');
  });

  it('gives nothing for an empty query and encodes text', () => {
    expect(toQueryString({})).toBe('');
    expect(toQueryString({ q: 'a&b=c d' })).toBe('?q=a%26b%3Dc+d');
  });
});

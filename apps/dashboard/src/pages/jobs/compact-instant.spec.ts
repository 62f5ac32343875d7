import { describe, expect, it } from '@jest/globals';
import { compactInstant } from './compact-instant.js';

describe('compact instants', () => {
  const now = new Date(2026, 11, 6, 18, 0, 0);

  it('shows only the time for today and the date and minute before', () => {
    expect(compactInstant(new Date(2026, 11, 6, 14, 3, 27).toISOString(), now)).toBe('14:03:27');
    expect(compactInstant(new Date(2026, 11, 5, 23, 59, 59).toISOString(), now)).toBe('2026-12-05 23:59');
  });

  it('passes through a missing or unreadable instant', () => {
    expect(compactInstant(null, now)).toBe('—');
    expect(compactInstant('not a date', now)).toBe('not a date');
  });
});

import { describe, expect, it } from '@jest/globals';
import { formatDuration, formatInstant, formatRelative } from './format.js';

describe('formatDuration', () => {
  it('picks the unit a person reads at a glance', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_620_000)).toBe('2 h 07 min');
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe('3 d 1 h');
  });
});

describe('formatInstant', () => {
  it('shows local date and time, and passes through what it cannot read', () => {
    const iso = new Date(2026, 11, 6, 14, 3, 27).toISOString();
    expect(formatInstant(iso)).toBe('2026-12-06 14:03:27');
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('soon')).toBe('soon');
  });
});

describe('formatRelative', () => {
  it('says in or ago', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(formatRelative('2026-12-06T12:04:00Z', now)).toBe('in 4 min 00 s');
    expect(formatRelative('2026-12-06T10:00:00Z', now)).toBe('2 h 00 min ago');
  });
});

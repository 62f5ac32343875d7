import { describe, expect, it } from '@jest/globals';
import { parseCommaList, parseInstant } from './query-values.js';

const instant = (value: unknown): unknown => parseInstant({ value });

describe('parseInstant', () => {
  it('reads dates, date-times with any offset and Unix milliseconds', () => {
    expect(instant('2026-01-31')).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(instant('2026-01-31T12:00:00+02:00')).toEqual(new Date('2026-01-31T10:00:00Z'));
    expect(instant('2026-01-31T12:00:00.123456Z')).toEqual(new Date('2026-01-31T12:00:00.123Z'));
    expect(instant('1769860800000')).toEqual(new Date(1_769_860_800_000));
  });

  it('stops at the end of year 9999, which RFC 3339 and the database driver can write, leaving the rest to fail validation', () => {
    expect(instant('9999-12-31T23:59:59.999Z')).toEqual(new Date('9999-12-31T23:59:59.999Z'));
    expect(instant('253402300799999')).toEqual(new Date('9999-12-31T23:59:59.999Z'));
    expect(instant('0100-01-01')).toEqual(new Date('0100-01-01T00:00:00Z'));
    for (const value of ['253402300800000', '999999999999999', '0099-12-31', '0000-01-01', '2024-02-30', 'yesterday', '-1']) {
      expect(instant(value)).toBe(value);
    }
    expect(instant(42)).toBe(42);
  });
});

describe('parseCommaList', () => {
  it('splits, trims and drops empty items, from one parameter or repeated ones', () => {
    expect(parseCommaList({ value: 'a, b,,c' })).toEqual(['a', 'b', 'c']);
    expect(parseCommaList({ value: ['a,b', 'c'] })).toEqual(['a', 'b', 'c']);
    expect(parseCommaList({ value: [1] })).toEqual([1]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { rangeOf, timelineQuery } from './range.js';

describe('rangeOf', () => {
  it('takes the ranges it knows and defaults to a day', () => {
    expect(rangeOf('1h')).toBe('1h');
    expect(rangeOf('7d')).toBe('7d');
    expect(rangeOf(undefined)).toBe('24h');
    expect(rangeOf('1y')).toBe('24h');
  });
});

describe('timelineQuery', () => {
  const now = Date.parse('2026-12-06T14:03:27.500Z');

  it('covers the span in whole buckets, ending with the current one', () => {
    expect(timelineQuery('1h', now)).toEqual({ from: '2026-12-06T13:04:00.000Z', bucket: 'minute' });
    expect(timelineQuery('24h', now)).toEqual({ from: '2026-12-05T15:00:00.000Z', bucket: 'hour' });
    expect(timelineQuery('7d', now)).toEqual({ from: '2026-11-29T15:00:00.000Z', bucket: 'hour' });
  });

  it('asks the same question throughout a bucket', () => {
    expect(timelineQuery('1h', Date.parse('2026-12-06T14:03:00.000Z'))).toEqual(timelineQuery('1h', Date.parse('2026-12-06T14:03:59.999Z')));
  });
});

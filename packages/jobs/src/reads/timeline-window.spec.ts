import { describe, expect, it } from '@jest/globals';
import { ErrorCode, TIMELINE_LIMITS } from '@jobs/contracts';
import { bucketStarts, type TimelineRequest, timelineWindow } from './timeline-window.js';

const at = (iso: string): Date => new Date(iso);
const NOW = at('2026-03-10T14:37:21.500Z');

function refusal(request: TimelineRequest): unknown {
  try {
    timelineWindow(request, NOW);
  } catch (error) {
    return error;
  }
  throw new Error('the window was accepted');
}

describe('timelineWindow', () => {
  it('covers the last 24 hours by the hour by default, widened to whole hours', () => {
    const window = timelineWindow({}, NOW);
    expect(window).toEqual({ from: at('2026-03-09T14:00:00.000Z'), to: at('2026-03-10T15:00:00.000Z'), bucket: 'hour' });
    expect(bucketStarts(window)).toHaveLength(25);
  });

  it('picks the finest bucket that keeps the default number of points', () => {
    const ending = (hours: number) => ({ from: new Date(NOW.getTime() - hours * 3_600_000), to: NOW });
    expect(timelineWindow(ending(1), NOW).bucket).toBe('minute');
    expect(timelineWindow(ending(5), NOW).bucket).toBe('minute');
    expect(timelineWindow(ending(7), NOW).bucket).toBe('hour');
    expect(timelineWindow(ending(14 * 24), NOW).bucket).toBe('hour');
    expect(timelineWindow(ending(30 * 24), NOW).bucket).toBe('day');
    for (const hours of [1, 5, 7, 14 * 24, 30 * 24]) {
      expect(bucketStarts(timelineWindow(ending(hours), NOW)).length).toBeLessThanOrEqual(TIMELINE_LIMITS.defaultMaxPoints);
    }
    // Longer than the default number of days: still by the day, up to the limit.
    expect(bucketStarts(timelineWindow(ending(900 * 24), NOW))).toHaveLength(901);
  });

  it('aligns every bucket to its UTC boundary, a day to UTC midnight whatever offset the bounds were given in', () => {
    const window = timelineWindow({ from: at('2026-03-28T23:30:00+02:00'), to: at('2026-03-31T01:00:00-05:00'), bucket: 'day' }, NOW);
    expect(bucketStarts(window).map((start) => start.toISOString())).toEqual([
      '2026-03-28T00:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ]);
    expect(window.to).toEqual(at('2026-04-01T00:00:00.000Z'));
    const minutes = timelineWindow({ from: at('2026-03-10T14:00:59.999Z'), to: at('2026-03-10T14:03:00.000Z'), bucket: 'minute' }, NOW);
    expect(bucketStarts(minutes).map((start) => start.toISOString())).toEqual(['2026-03-10T14:00:00.000Z', '2026-03-10T14:01:00.000Z', '2026-03-10T14:02:00.000Z']);
  });

  it('keeps bounds that are boundaries already, and works before 1970', () => {
    expect(timelineWindow({ from: at('2026-03-10T00:00:00Z'), to: at('2026-03-11T00:00:00Z'), bucket: 'hour' }, NOW)).toEqual({
      from: at('2026-03-10T00:00:00Z'),
      to: at('2026-03-11T00:00:00Z'),
      bucket: 'hour',
    });
    expect(timelineWindow({ from: at('1969-12-31T23:59:30Z'), to: at('1970-01-01T00:00:30Z'), bucket: 'minute' }, NOW)).toMatchObject({
      from: at('1969-12-31T23:59:00Z'),
      to: at('1970-01-01T00:01:00Z'),
    });
  });

  it('defaults from to a day before a given to, and to to now after a given from', () => {
    expect(timelineWindow({ to: at('2026-01-02T00:00:00Z') }, NOW)).toMatchObject({ from: at('2026-01-01T00:00:00Z'), bucket: 'hour' });
    expect(timelineWindow({ from: at('2026-03-10T14:00:00Z') }, NOW)).toMatchObject({ to: at('2026-03-10T14:38:00Z'), bucket: 'minute' });
  });

  it('refuses an empty or reversed window, naming from', () => {
    for (const request of [{ from: NOW, to: NOW }, { from: at('2026-03-11T00:00:00Z'), to: at('2026-03-10T00:00:00Z') }, { from: at('2026-03-11T00:00:00Z') }]) {
      expect(refusal(request)).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, extras: { errors: [{ field: 'from', message: expect.stringContaining('must be before to') }] } });
    }
  });

  it('refuses a window whose last bucket ends after year 9999, naming to', () => {
    expect(refusal({ from: at('9999-12-30T00:00:00Z'), to: at('9999-12-31T00:00:00.001Z'), bucket: 'day' })).toMatchObject({
      extras: { errors: [{ field: 'to', message: 'to must be at or before 9999-12-31T00:00:00.000Z with day buckets' }] },
    });
    expect(timelineWindow({ from: at('9999-12-31T23:00:00Z'), to: at('9999-12-31T23:59:00Z'), bucket: 'minute' }, NOW).to).toEqual(at('9999-12-31T23:59:00Z'));
  });

  it('refuses more buckets than an answer may hold, naming the bucket chosen or else the window', () => {
    const week = { from: at('2026-03-01T00:00:00Z'), to: at('2026-03-08T00:00:00Z') };
    expect(refusal({ ...week, bucket: 'minute' })).toMatchObject({
      extras: { errors: [{ field: 'bucket', message: expect.stringContaining('10080 minute buckets') }] },
    });
    expect(timelineWindow({ ...week, bucket: 'hour' }, NOW).bucket).toBe('hour');
    expect(refusal({ from: at('2000-01-01T00:00:00Z'), to: NOW })).toMatchObject({ extras: { errors: [{ field: 'from', message: expect.stringContaining('day buckets') }] } });
    const longest = { from: at('2020-01-01T00:00:00Z'), to: new Date(Date.parse('2020-01-01T00:00:00Z') + TIMELINE_LIMITS.maxPoints * 86_400_000) };
    expect(bucketStarts(timelineWindow(longest, NOW))).toHaveLength(TIMELINE_LIMITS.maxPoints);
  });
});

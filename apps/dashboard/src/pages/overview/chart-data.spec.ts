import { describe, expect, it } from '@jest/globals';
import type { TimelinePoint } from '@jobs/contracts';
import { barPlacement, bucketLabel, busyPoints, durationColumns, timelineColumns, timelineTotals } from './chart-data.js';

const points: TimelinePoint[] = [
  { at: '2026-12-06T14:00:00.000Z', created: 3, completed: 1, failed: 0, cancelled: 0 },
  { at: '2026-12-06T14:01:00.000Z', created: 0, completed: 0, failed: 0, cancelled: 0 },
  { at: '2026-12-06T14:02:00.000Z', created: 1, completed: 2, failed: 1, cancelled: 1 },
];

describe('timeline data', () => {
  it('gives uPlot bucket starts in seconds and a column per series, closed at the window’s end', () => {
    const start = Date.parse('2026-12-06T14:00:00.000Z') / 1000;
    expect(timelineColumns(points, '2026-12-06T14:03:00.000Z')).toEqual([
      [start, start + 60, start + 120, start + 180],
      [3, 0, 1, 1],
      [1, 0, 2, 2],
      [0, 0, 1, 1],
      [0, 0, 1, 1],
    ]);
    expect(timelineColumns([], '2026-12-06T14:03:00.000Z')).toEqual([[], [], [], [], []]);
  });

  it('sums each series and keeps the busy buckets for the table', () => {
    expect(timelineTotals(points)).toEqual({ created: 4, completed: 3, failed: 1, cancelled: 1 });
    expect(busyPoints(points).map((point) => point.at)).toEqual(['2026-12-06T14:00:00.000Z', '2026-12-06T14:02:00.000Z']);
    expect(timelineTotals([])).toEqual({ created: 0, completed: 0, failed: 0, cancelled: 0 });
  });

  it('names minute and hour buckets in local time, day buckets by their UTC date', () => {
    const local = new Date(2026, 11, 6, 9, 5);
    expect(bucketLabel(local.toISOString(), 'minute')).toBe('2026-12-06 09:05');
    expect(bucketLabel(local.toISOString(), 'hour')).toBe('2026-12-06 09:05');
    expect(bucketLabel('2026-12-06T00:00:00.000Z', 'day')).toBe('2026-12-06 (UTC)');
  });
});

describe('duration data', () => {
  it('puts types at 0, 1, 2… with a column per percentile', () => {
    expect(
      durationColumns([
        { type: 'a', count: 2, p50Ms: 10, p90Ms: 20, p99Ms: 30 },
        { type: 'b', count: 1, p50Ms: 5, p90Ms: 5, p99Ms: 5 },
      ]),
    ).toEqual([
      [0, 1],
      [10, 5],
      [20, 5],
      [30, 5],
    ]);
  });

  it('places a type’s bars side by side within its slot', () => {
    const bars = [0, 1, 2].map((position) => barPlacement(position, 3));
    expect(bars[0]?.offset).toBeCloseTo(-0.4);
    expect(bars[1]?.offset).toBeCloseTo(-0.4 + 0.8 / 3);
    expect(bars[2]?.offset).toBeCloseTo(0.4 - 0.8 / 3);
    for (const bar of bars) expect(bar.width).toBeCloseTo(0.8 / 3);
  });
});

import type { TimelineBucket, TimelinePoint, TypeDurations } from '@jobs/contracts';

/** Columns as uPlot takes them: the x values, then one column per series. */
export type Columns = [number[], ...number[][]];

/** The timeline's series, each with the CSS variable of its colour (the status colours). */
export const TIMELINE_SERIES = [
  { key: 'created', label: 'Created', color: '--accent' },
  { key: 'completed', label: 'Completed', color: '--ok' },
  { key: 'failed', label: 'Failed', color: '--failed' },
  { key: 'cancelled', label: 'Cancelled', color: '--cancelled' },
] as const;
export type TimelineCount = (typeof TIMELINE_SERIES)[number]['key'];

/**
 * Bucket starts in Unix seconds (uPlot's time unit), then each series' counts; a closing point at the
 * window's end repeats the last counts, so that the last bucket is drawn as wide as the others.
 */
export function timelineColumns(points: readonly TimelinePoint[], to: string): Columns {
  const last = points.at(-1);
  const closed = last ? [...points, { ...last, at: to }] : [];
  return [closed.map((point) => Date.parse(point.at) / 1000), ...TIMELINE_SERIES.map((series) => closed.map((point) => point[series.key]))];
}

/** Each series' sum over the window. */
export function timelineTotals(points: readonly TimelinePoint[]): Record<TimelineCount, number> {
  const totals = { created: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const point of points) for (const series of TIMELINE_SERIES) totals[series.key] += point[series.key];
  return totals;
}

/** The buckets with anything in them: the data table leaves the empty ones out. */
export function busyPoints(points: readonly TimelinePoint[]): TimelinePoint[] {
  return points.filter((point) => TIMELINE_SERIES.some((series) => point[series.key] > 0));
}

/** A bucket's start as a reader names it: local time to the minute, or the UTC day a day bucket is. */
export function bucketLabel(at: string, bucket: TimelineBucket): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  if (bucket === 'day') return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} (UTC)`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The percentiles drawn per type, each with the CSS variable of its colour. */
export const PERCENTILE_SERIES = [
  { key: 'p50Ms', label: 'p50', color: '--accent' },
  { key: 'p90Ms', label: 'p90', color: '--cancelled' },
  { key: 'p99Ms', label: 'p99', color: '--failed' },
] as const;

/** Types at x = 0, 1, 2…, then each percentile's milliseconds. */
export function durationColumns(durations: readonly TypeDurations[]): Columns {
  return [durations.map((_, index) => index), ...PERCENTILE_SERIES.map((series) => durations.map((entry) => entry[series.key]))];
}

/** The share of a type's slot (1 wide, centred on its x) its group of bars takes. */
const GROUP_WIDTH = 0.8;

/** Where the bar of the `position`-th of `count` series starts relative to its type's x, and how wide it is, in x units. */
export function barPlacement(position: number, count: number): { offset: number; width: number } {
  const width = GROUP_WIDTH / count;
  return { offset: -GROUP_WIDTH / 2 + position * width, width };
}

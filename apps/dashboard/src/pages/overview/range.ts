import type { JobStatsTimelineQuery, TimelineBucket } from '@jobs/contracts';

/** The charts' time ranges, as `?range=` names them. */
export const RANGES = ['1h', '24h', '7d'] as const;
export type Range = (typeof RANGES)[number];
export const DEFAULT_RANGE: Range = '24h';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const BUCKET_MS: Record<TimelineBucket, number> = { minute: MINUTE, hour: HOUR, day: DAY };

export const RANGE_SPECS: Record<Range, { label: string; spanMs: number; bucket: TimelineBucket; per: string }> = {
  '1h': { label: 'Last hour', spanMs: HOUR, bucket: 'minute', per: 'by the minute' },
  '24h': { label: 'Last 24 hours', spanMs: DAY, bucket: 'hour', per: 'by the hour' },
  '7d': { label: 'Last 7 days', spanMs: 7 * DAY, bucket: 'hour', per: 'by the hour' },
};

/** The range a URL asks for; the default for anything else. */
export function rangeOf(value: string | undefined): Range {
  return (RANGES as readonly string[]).includes(value ?? '') ? (value as Range) : DEFAULT_RANGE;
}

/**
 * The timeline query for a range at `now`: whole buckets up to and including the current one. Every
 * poll within one bucket asks the same question, which the API answers from its short cache.
 */
export function timelineQuery(range: Range, now: number): Pick<JobStatsTimelineQuery, 'from' | 'bucket'> {
  const { spanMs, bucket } = RANGE_SPECS[range];
  const size = BUCKET_MS[bucket];
  const endOfCurrentBucket = (Math.floor(now / size) + 1) * size;
  return { from: new Date(endOfCurrentBucket - spanMs).toISOString(), bucket };
}

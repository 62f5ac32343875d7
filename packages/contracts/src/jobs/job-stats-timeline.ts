import type { QueryInstant } from '../common/query-values.js';

/** The widths of a timeline's buckets, each starting on a UTC boundary (a day at UTC midnight). */
export const TIMELINE_BUCKETS = ['minute', 'hour', 'day'] as const;
export type TimelineBucket = (typeof TIMELINE_BUCKETS)[number];

export const TIMELINE_LIMITS = {
  /** Buckets one answer may hold. */
  maxPoints: 1_500,
  /** Without `bucket`, the finest width that gives at most this many buckets (else `day`). */
  defaultMaxPoints: 360,
  /** Without `from`, the window reaches this far back from `to`. */
  defaultRangeMs: 24 * 60 * 60 * 1000,
} as const;

/** `GET /v1/jobs/stats/timeline`. Lists go comma-separated. */
export interface JobStatsTimelineQuery {
  /** Start of the window (default: `to` minus 24 hours); rounded down to its bucket's start. */
  from?: QueryInstant;
  /** End of the window, exclusive (default: now); rounded up to the next bucket boundary. */
  to?: QueryInstant;
  /** Default: the finest width giving at most `TIMELINE_LIMITS.defaultMaxPoints` buckets. */
  bucket?: TimelineBucket;
  /** Job types. */
  type?: readonly string[];
  /** Admins only: every owner's jobs. */
  scope?: 'all';
  /** Admins only: one owner's jobs. */
  ownerId?: string;
  /** Recompute instead of serving the briefly cached figures. */
  refresh?: boolean;
}

/** One bucket: jobs created in it, and jobs that reached each final status in it. */
export interface TimelinePoint {
  /** The bucket's start (UTC). */
  at: string;
  created: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** How long one type's jobs that completed in the window ran (finishedAt − startedAt of their last attempt). */
export interface TypeDurations {
  type: string;
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

export interface JobStatsTimelineResponse {
  /** The window counted: the requested one widened to whole buckets. */
  from: string;
  /** Exclusive. */
  to: string;
  bucket: TimelineBucket;
  /** Every bucket from `from` to `to`, oldest first, empty ones included. */
  points: TimelinePoint[];
  /** By type (types with completed jobs in the window only), in type order. */
  durations: TypeDurations[];
  generatedAt: string;
}

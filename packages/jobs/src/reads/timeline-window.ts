import { TIMELINE_BUCKETS, TIMELINE_LIMITS, type TimelineBucket } from '@jobs/contracts';
import { JobsError } from '../errors.js';

/** A bucket's width. UTC has no daylight saving and Unix time no leap seconds, so every day is as long. */
export const BUCKET_MS: Record<TimelineBucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The end of year 9999: RFC 3339, in which a timeline names its buckets, has no later instants. */
const END_OF_YEAR_9999 = Date.parse('+010000-01-01T00:00:00Z');

/** The window a timeline counts: whole buckets from `from` (inclusive) to `to` (exclusive). */
export interface TimelineWindow {
  from: Date;
  to: Date;
  bucket: TimelineBucket;
}

export interface TimelineRequest {
  from?: Date;
  to?: Date;
  bucket?: TimelineBucket;
}

/**
 * The window a request asks for, widened to whole buckets on UTC boundaries: `to` defaults to now,
 * `from` to a day before `to`, and the width to the finest giving at most `defaultMaxPoints` buckets.
 * A window that is empty, reversed, longer than `maxPoints` buckets or ending after year 9999 is VALIDATION_FAILED.
 */
export function timelineWindow(request: TimelineRequest, now: Date): TimelineWindow {
  const to = request.to ?? now;
  const from = request.from ?? new Date(to.getTime() - TIMELINE_LIMITS.defaultRangeMs);
  if (from.getTime() >= to.getTime()) {
    throw JobsError.validation([{ field: 'from', message: `from (${from.toISOString()}) must be before to (${to.toISOString()})` }]);
  }
  const bucket = request.bucket ?? TIMELINE_BUCKETS.find((width) => bucketCount(from, to, width) <= TIMELINE_LIMITS.defaultMaxPoints) ?? 'day';
  const count = bucketCount(from, to, bucket);
  if (count > TIMELINE_LIMITS.maxPoints) {
    // Named after what the caller chose: the width, or (left to the default) the range.
    const field = request.bucket ? 'bucket' : 'from';
    throw JobsError.validation([
      { field, message: `${count} ${bucket} buckets from ${from.toISOString()} to ${to.toISOString()}; at most ${TIMELINE_LIMITS.maxPoints}: choose a wider bucket or a shorter window` },
    ]);
  }
  const size = BUCKET_MS[bucket];
  const start = floorTo(from.getTime(), size);
  if (start + count * size >= END_OF_YEAR_9999) {
    throw JobsError.validation([{ field: 'to', message: `to must be at or before ${new Date(END_OF_YEAR_9999 - size).toISOString()} with ${bucket} buckets` }]);
  }
  return { from: new Date(start), to: new Date(start + count * size), bucket };
}

/** The start of every bucket of the window, oldest first. */
export function bucketStarts(window: TimelineWindow): Date[] {
  const size = BUCKET_MS[window.bucket];
  const starts: Date[] = [];
  for (let at = window.from.getTime(); at < window.to.getTime(); at += size) starts.push(new Date(at));
  return starts;
}

function bucketCount(from: Date, to: Date, bucket: TimelineBucket): number {
  const size = BUCKET_MS[bucket];
  return Math.ceil((to.getTime() - floorTo(from.getTime(), size)) / size);
}

function floorTo(ms: number, size: number): number {
  return Math.floor(ms / size) * size;
}

import type { JobStatsTimelineResponse } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import type { JobScope } from '../viewer.js';
import { countJobsByBucket } from './count-jobs-by-bucket.js';
import { durationsByType } from './durations-by-type.js';
import { bucketStarts, type TimelineWindow } from './timeline-window.js';

/** The window's counts in every bucket (zeros where nothing happened) and its completed jobs' durations by type. */
export async function computeStatsTimeline(
  db: TransactionClient,
  scope: JobScope,
  window: TimelineWindow,
  types: readonly string[],
): Promise<JobStatsTimelineResponse> {
  const [buckets, durations] = await Promise.all([countJobsByBucket(db, scope, window, types), durationsByType(db, scope, window, types)]);
  const counted = new Map(buckets.map((bucket) => [bucket.at.getTime(), bucket]));
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    bucket: window.bucket,
    points: bucketStarts(window).map((at) => {
      const bucket = counted.get(at.getTime());
      return { at: at.toISOString(), created: bucket?.created ?? 0, completed: bucket?.completed ?? 0, failed: bucket?.failed ?? 0, cancelled: bucket?.cancelled ?? 0 };
    }),
    durations,
    generatedAt: new Date().toISOString(),
  };
}

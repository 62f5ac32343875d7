import { Prisma, type TransactionClient } from '@jobs/database';
import { type JobScope, scopeSql } from '../viewer.js';
import { BUCKET_MS, type TimelineWindow } from './timeline-window.js';

export interface BucketCounts {
  at: Date;
  created: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/**
 * Jobs created in each bucket of the window, and jobs that finished in it by final status (only
 * final statuses have a `finishedAt`): the buckets that have any. Each half is a range on its own
 * timestamp, for the `created_at` and `finished_at` indexes. Buckets are counted from the window's
 * start, which is on a UTC boundary, by `date_bin` (plain arithmetic, twice as fast as a
 * `date_trunc` in a time zone over a month of jobs).
 */
export function countJobsByBucket(db: TransactionClient, scope: JobScope, window: TimelineWindow, types: readonly string[]): Promise<BucketCounts[]> {
  const where = Prisma.sql`${scopeSql(scope)}${types.length > 0 ? Prisma.sql` AND type = ANY(${types}::text[])` : Prisma.empty}`;
  const stride = `${BUCKET_MS[window.bucket] / 1000} seconds`;
  return db.$queryRaw<BucketCounts[]>`
    SELECT at, sum(created)::int AS created, sum(completed)::int AS completed, sum(failed)::int AS failed, sum(cancelled)::int AS cancelled
      FROM (SELECT date_bin(${stride}::interval, created_at, ${window.from}) AS at, count(*) AS created, 0 AS completed, 0 AS failed, 0 AS cancelled
              FROM jobs
             WHERE ${where} AND created_at >= ${window.from} AND created_at < ${window.to}
             GROUP BY 1
            UNION ALL
            SELECT date_bin(${stride}::interval, finished_at, ${window.from}), 0,
                   count(*) FILTER (WHERE status = 'COMPLETED'::"JobStatus"),
                   count(*) FILTER (WHERE status = 'FAILED'::"JobStatus"),
                   count(*) FILTER (WHERE status = 'CANCELLED'::"JobStatus")
              FROM jobs
             WHERE ${where} AND finished_at >= ${window.from} AND finished_at < ${window.to}
             GROUP BY 1) AS counted
     GROUP BY at`;
}

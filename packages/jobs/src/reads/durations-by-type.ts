import type { TypeDurations } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { type JobScope, scopeSql } from '../viewer.js';
import type { TimelineWindow } from './timeline-window.js';

/**
 * Per type, how long the jobs that completed in the window ran (finishedAt − startedAt, in
 * milliseconds): their count and percentiles interpolated between ranks (`percentile_cont`).
 */
export async function durationsByType(db: TransactionClient, scope: JobScope, window: TimelineWindow, types: readonly string[]): Promise<TypeDurations[]> {
  const where = Prisma.sql`${scopeSql(scope)}${types.length > 0 ? Prisma.sql` AND type = ANY(${types}::text[])` : Prisma.empty}`;
  const rows = await db.$queryRaw<{ type: string; count: number; p50: number; p90: number; p99: number }[]>`
    SELECT type, count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS p50,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::float8 AS p90,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::float8 AS p99
      FROM (SELECT type, extract(epoch FROM finished_at - started_at) * 1000 AS ms
              FROM jobs
             WHERE ${where} AND status = 'COMPLETED'::"JobStatus"
               AND finished_at >= ${window.from} AND finished_at < ${window.to} AND started_at IS NOT NULL) AS completed
     GROUP BY type
     ORDER BY type`;
  return rows.map((row) => ({ type: row.type, count: row.count, p50Ms: Math.round(row.p50), p90Ms: Math.round(row.p90), p99Ms: Math.round(row.p99) }));
}

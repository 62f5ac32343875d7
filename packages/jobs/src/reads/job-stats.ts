import { JobStatus, type JobStatsResponse, type StatusCounts } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { type JobScope, scopeSql } from '../viewer.js';
import { sumJobCounts } from './sum-job-counts.js';

function emptyByStatus(): Record<JobStatus, number> {
  return Object.fromEntries(Object.values(JobStatus).map((status) => [status, 0])) as Record<JobStatus, number>;
}

/** Counts by type and status (from the maintained counters), durations of the last day's completed jobs and the oldest runnable pending job's age: three queries. */
export async function computeJobStats(db: TransactionClient, scope: JobScope): Promise<JobStatsResponse> {
  const where = scopeSql(scope);
  const [groups, durations, oldest] = await Promise.all([
    sumJobCounts(db, scope),
    db.$queryRaw<{ count: number; mean: number | null; p95: number | null }[]>`
      SELECT count(*)::int AS count, avg(ms)::float8 AS mean,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::float8 AS p95
        FROM (SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms
                FROM jobs
               WHERE ${where} AND status = 'COMPLETED'::"JobStatus" AND finished_at >= now() - interval '24 hours'
                 AND started_at IS NOT NULL) AS completed`,
    db.$queryRaw<{ waiting_ms: number | null }[]>`
      SELECT (extract(epoch FROM now() - min(run_at)) * 1000)::float8 AS waiting_ms
        FROM jobs WHERE ${where} AND status = 'PENDING'::"JobStatus" AND run_at <= now()`,
  ]);
  const byStatus = emptyByStatus();
  const byType: Record<string, StatusCounts> = {};
  let total = 0;
  for (const group of groups) {
    total += group.count;
    byStatus[group.status] += group.count;
    const entry = (byType[group.type] ??= { total: 0, byStatus: emptyByStatus() });
    entry.total += group.count;
    entry.byStatus[group.status] += group.count;
  }
  const completed = durations[0];
  const waiting = oldest[0]?.waiting_ms;
  return {
    scope: scope.kind === 'member' ? 'mine' : scope.kind,
    total,
    byStatus,
    byType,
    completedLast24h: {
      count: completed?.count ?? 0,
      meanMs: completed?.mean == null ? null : Math.round(completed.mean),
      p95Ms: completed?.p95 == null ? null : Math.round(completed.p95),
    },
    oldestPendingAgeMs: waiting == null ? null : Math.max(0, Math.round(waiting)),
    generatedAt: new Date().toISOString(),
  };
}

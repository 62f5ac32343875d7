import { JobStatus, type JobStatsQuery, type JobStatsResponse, type StatusCounts } from '@jobs/contracts';
import { Prisma, PrismaService } from '@jobs/database';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ApiEnvironment } from '../config/api-environment.js';
import { type JobScope, resolveScope, scopeBranches, scopeCacheKey, scopeSql } from './job-scope.js';

interface CachedStats {
  expiresAt: number;
  stats: Promise<JobStatsResponse>;
}

/** Entries kept at most; the oldest go first. */
const CACHE_CAPACITY = 10_000;

function emptyByStatus(): Record<JobStatus, number> {
  return Object.fromEntries(Object.values(JobStatus).map((status) => [status, 0])) as Record<JobStatus, number>;
}

/** Counts and durations for a scope, computed in three aggregate queries and cached for a few seconds. */
@Injectable()
export class JobStatsService {
  private readonly cache = new Map<string, CachedStats>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly env: ApiEnvironment,
  ) {}

  async stats(principal: Principal, query: JobStatsQuery): Promise<JobStatsResponse> {
    const scope = resolveScope(principal, query);
    const key = scopeCacheKey(scope);
    const cached = this.cache.get(key);
    if (!query.refresh && cached && cached.expiresAt > Date.now()) return cached.stats;

    // Concurrent requests for one scope share a computation; a failed one is not cached.
    const stats = this.compute(scope);
    this.cache.delete(key);
    this.cache.set(key, { expiresAt: Date.now() + this.env.STATS_CACHE_SECONDS * 1000, stats });
    if (this.cache.size > CACHE_CAPACITY) this.cache.delete(this.cache.keys().next().value as string);
    stats.catch(() => this.cache.get(key)?.stats === stats && this.cache.delete(key));
    return stats;
  }

  private async compute(scope: JobScope): Promise<JobStatsResponse> {
    const where = scopeSql(scope);
    // Counted per disjoint branch of the scope, each from an index alone (type and status are in it).
    const counted = Prisma.join(
      scopeBranches(scope, { disjoint: true }).map((branch) => Prisma.sql`SELECT type, status, count(*) AS count FROM jobs WHERE ${branch} GROUP BY type, status`),
      ' UNION ALL ',
    );
    const [groups, durations, oldest] = await Promise.all([
      this.prisma.$queryRaw<{ type: string; status: JobStatus; count: number }[]>`
        SELECT type, status::text AS status, sum(count)::int AS count FROM (${counted}) AS counted GROUP BY type, status`,
      this.prisma.$queryRaw<{ count: number; mean: number | null; p95: number | null }[]>`
        SELECT count(*)::int AS count, avg(ms)::float8 AS mean,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::float8 AS p95
          FROM (SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms
                  FROM jobs
                 WHERE ${where} AND status = 'COMPLETED'::"JobStatus" AND finished_at >= now() - interval '24 hours'
                   AND started_at IS NOT NULL) AS completed`,
      this.prisma.$queryRaw<{ waiting_ms: number | null }[]>`
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
      scope: scope.kind === 'all' ? 'all' : 'mine',
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
}


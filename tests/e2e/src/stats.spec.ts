import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobStatsResponse, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type pg from 'pg';
import { connect, minutesAgo, type SeedJob, seedJobs } from './support/seed.js';

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return (sorted[lower] ?? 0) + ((sorted[upper] ?? 0) - (sorted[lower] ?? 0)) * (position - lower);
}

describe('GET /v1/jobs/stats', () => {
  let stack: TestStack;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ workers: 0, apiEnv: { STATS_CACHE_SECONDS: '60' } });
    database = await connect(stack.database.url);
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const as = (sub: string, claims: Record<string, unknown> = {}): ApiClient => stack.client.withToken(mintToken({ sub, ...claims }));

  it('counts by status and by type, and measures recent completions and the pending backlog', async () => {
    const owner = uniqueSubject('stats');
    const now = Date.now();
    const durations = [120, 80, 400, 1_000, 50, 3_000, 700];
    const jobs: SeedJob[] = [
      ...durations.map((ms, index) => ({
        ownerId: owner,
        type: index % 2 ? 'diagnostics.sleep' : 'text.indicators',
        status: 'COMPLETED' as const,
        createdAt: minutesAgo(30 + index, now),
        startedAt: new Date(now - 600_000 - ms),
        finishedAt: new Date(now - 600_000),
      })),
      { ownerId: owner, status: 'COMPLETED', createdAt: minutesAgo(3000, now), startedAt: minutesAgo(2000, now), finishedAt: minutesAgo(1999, now) },
      { ownerId: owner, status: 'FAILED', createdAt: minutesAgo(20, now), finishedAt: minutesAgo(19, now) },
      { ownerId: owner, status: 'CANCELLED', type: 'diagnostics.sleep', createdAt: minutesAgo(20, now), finishedAt: minutesAgo(19, now) },
      { ownerId: owner, status: 'PROCESSING', createdAt: minutesAgo(5, now) },
      { ownerId: owner, status: 'PENDING', createdAt: minutesAgo(90, now), runAt: minutesAgo(45, now) },
      { ownerId: owner, status: 'PENDING', createdAt: minutesAgo(10, now) },
      { ownerId: owner, status: 'PENDING', createdAt: minutesAgo(200, now), runAt: new Date(now + 3_600_000) },
    ];
    await seedJobs(database, jobs);
    await seedJobs(database, [{ ownerId: uniqueSubject('someone-else'), status: 'FAILED', createdAt: minutesAgo(1, now) }]);

    const response = await as(owner).get<JobStatsResponse>('/v1/jobs/stats?refresh=true');

    expect(response.status).toBe(200);
    const stats = response.body;
    expect(stats).toMatchObject({
      scope: 'mine',
      total: jobs.length,
      byStatus: { PENDING: 3, PROCESSING: 1, COMPLETED: 8, FAILED: 1, CANCELLED: 1 },
      byType: {
        'text.indicators': { total: 10, byStatus: { PENDING: 3, PROCESSING: 1, COMPLETED: 5, FAILED: 1, CANCELLED: 0 } },
        'diagnostics.sleep': { total: 4, byStatus: { PENDING: 0, PROCESSING: 0, COMPLETED: 3, FAILED: 0, CANCELLED: 1 } },
      },
    });
    expect(stats.completedLast24h).toEqual({
      count: durations.length,
      meanMs: Math.round(durations.reduce((sum, ms) => sum + ms, 0) / durations.length),
      p95Ms: Math.round(percentileCont(durations, 0.95)),
    });
    expect(stats.oldestPendingAgeMs).toBeGreaterThanOrEqual(45 * 60_000);
    expect(stats.oldestPendingAgeMs).toBeLessThan(47 * 60_000);
    expect(Date.now() - Date.parse(stats.generatedAt)).toBeLessThan(10_000);
  });

  it('has zeros and nulls for a caller without jobs', async () => {
    const stats = (await as(uniqueSubject('empty')).get<JobStatsResponse>('/v1/jobs/stats')).body;
    expect(stats).toMatchObject({
      total: 0,
      byStatus: { PENDING: 0, PROCESSING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0 },
      byType: {},
      completedLast24h: { count: 0, meanMs: null, p95Ms: null },
      oldestPendingAgeMs: null,
    });
  });

  it('serves cached figures briefly and recomputes on refresh=true', async () => {
    const owner = uniqueSubject('cached');
    await seedJobs(database, [{ ownerId: owner, createdAt: minutesAgo(1) }]);
    const first = (await as(owner).get<JobStatsResponse>('/v1/jobs/stats')).body;
    await seedJobs(database, [{ ownerId: owner, createdAt: minutesAgo(1) }]);

    const cached = (await as(owner).get<JobStatsResponse>('/v1/jobs/stats')).body;
    const refreshed = (await as(owner).get<JobStatsResponse>('/v1/jobs/stats?refresh=true')).body;

    expect(cached).toEqual(first);
    expect(refreshed.total).toBe(2);
    expect(Date.parse(refreshed.generatedAt)).toBeGreaterThanOrEqual(Date.parse(first.generatedAt));
  });

  it("includes the organisation's jobs for members, everything for admins with scope=all, and refuses scope=all to others", async () => {
    const org = uniqueSubject('org');
    const member = uniqueSubject('member');
    await seedJobs(database, [
      { ownerId: uniqueSubject('colleague'), orgId: org, createdAt: minutesAgo(1) },
      { ownerId: member, createdAt: minutesAgo(1) },
    ]);
    expect((await as(member, { org }).get<JobStatsResponse>('/v1/jobs/stats')).body.total).toBe(2);
    expect((await as(member).get<JobStatsResponse>('/v1/jobs/stats')).body.total).toBe(1);

    const denied = await as(member).get<ProblemDetails>('/v1/jobs/stats?scope=all');
    expect(denied.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    const { rows } = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM jobs');
    const all = await as(uniqueSubject('admin'), { roles: ['admin'] }).get<JobStatsResponse>('/v1/jobs/stats?scope=all&refresh=true');
    expect(all.body).toMatchObject({ scope: 'all', total: rows[0]?.count });
  });

  it("gives admins one owner's figures with ownerId, organisation jobs of others left out, and refuses it to others", async () => {
    const owner = uniqueSubject('owner');
    const org = uniqueSubject('org');
    await seedJobs(database, [
      { ownerId: owner, orgId: org, createdAt: minutesAgo(2), status: 'COMPLETED' },
      { ownerId: owner, createdAt: minutesAgo(1) },
      { ownerId: uniqueSubject('colleague'), orgId: org, createdAt: minutesAgo(1) },
    ]);
    const admin = as(uniqueSubject('admin'), { roles: ['admin'] });
    const figures = await admin.get<JobStatsResponse>(`/v1/jobs/stats?ownerId=${owner}`);
    expect(figures.body).toMatchObject({ scope: 'owner', total: 2, byStatus: { COMPLETED: 1, PENDING: 1 } });
    expect((await as(owner, { org }).get<ProblemDetails>(`/v1/jobs/stats?ownerId=${owner}`)).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await admin.get<ProblemDetails>('/v1/jobs/stats?ownerId=')).body).toMatchObject({ status: 400, errors: [{ field: 'ownerId' }] });
  });

  it('refuses unknown parameters', async () => {
    const response = await as(uniqueSubject('params')).get<ProblemDetails>('/v1/jobs/stats?refresh=sometimes');
    expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'refresh', message: 'refresh must be true or false' }] });
  });
});

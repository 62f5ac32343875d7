import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobsClient } from '@jobs/client';
import { isTerminalStatus, type JobAcceptedResponse, type JobStatsTimelineResponse, type JobSummary, type ProblemDetails, type TimelinePoint } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, validatingFetch, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect, seedJobs } from './support/seed.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
const MINUTE = 60_000;
const TIMELINE = '/v1/jobs/stats/timeline';

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = sorted[Math.floor(position)] ?? Number.NaN;
  const upper = sorted[Math.ceil(position)] ?? Number.NaN;
  return lower + (upper - lower) * (position - Math.floor(position));
}

/** The minute buckets from `from` to `to` with the given jobs counted where their own timestamps fall. */
function expectedMinutes(from: number, to: number, jobs: readonly JobSummary[]): TimelinePoint[] {
  const points = new Map<number, TimelinePoint>();
  for (let at = from; at < to; at += MINUTE) points.set(at, { at: new Date(at).toISOString(), created: 0, completed: 0, failed: 0, cancelled: 0 });
  const bucketOf = (instant: string) => points.get(Math.floor(Date.parse(instant) / MINUTE) * MINUTE);
  for (const job of jobs) {
    const created = bucketOf(job.createdAt);
    if (created) created.created += 1;
    const finished = job.finishedAt ? bucketOf(job.finishedAt) : undefined;
    if (finished && job.status === 'COMPLETED') finished.completed += 1;
    if (finished && job.status === 'FAILED') finished.failed += 1;
    if (finished && job.status === 'CANCELLED') finished.cancelled += 1;
  }
  return [...points.values()];
}

describe('GET /v1/jobs/stats/timeline', () => {
  let stack: TestStack;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS });
    database = await connect(stack.database.url);
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const as = (sub: string, claims: Record<string, unknown> = {}): ApiClient => stack.client.withToken(mintToken({ sub, ...claims }));
  const admin = (): ApiClient => as(uniqueSubject('admin'), { roles: ['admin'] });

  it("puts the jobs the worker ran in the minutes they were created and finished in, and never another user's", async () => {
    const owner = as(uniqueSubject('timeline'));
    const stranger = as(uniqueSubject('stranger'));
    const submit = async (client: ApiClient, body: object) => (await client.post<JobAcceptedResponse>('/v1/jobs', body)).body.jobId;
    const ids = [
      ...(await Promise.all([1, 2, 3].map((n) => submit(owner, { type: 'text.indicators', payload: { text: `seen at 198.51.100.${n}` } })))),
      await submit(owner, { type: 'diagnostics.sleep', payload: { durationMs: 0, failAttempts: 1 }, maxAttempts: 1 }),
    ];
    const delayed = await submit(owner, { type: 'text.indicators', payload: { text: 'later' }, delaySeconds: 3600 });
    expect((await owner.post(`/v1/jobs/${delayed}/cancel`)).status).toBe(200);
    await submit(stranger, { type: 'text.indicators', payload: { text: 'not yours' } });

    const jobs = await Promise.all(
      [...ids, delayed].map((id) => waitUntil(async () => (await owner.get<JobSummary>(`/v1/jobs/${id}/status`)).body, (job) => isTerminalStatus(job.status))),
    );
    expect(jobs.map((job) => job.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'FAILED', 'CANCELLED']);

    const from = Math.floor(Math.min(...jobs.map((job) => Date.parse(job.createdAt))) / MINUTE) * MINUTE;
    const to = Math.ceil((Math.max(...jobs.map((job) => Date.parse(job.finishedAt ?? job.createdAt))) + 1) / MINUTE) * MINUTE;
    const response = await owner.get<JobStatsTimelineResponse>(`${TIMELINE}?bucket=minute&from=${new Date(from).toISOString()}&to=${to}&refresh=true`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: 'minute' });
    expect(response.body.points).toEqual(expectedMinutes(from, to, jobs));
    const durations = jobs.filter((job) => job.status === 'COMPLETED').map((job) => job.durationMs ?? Number.NaN);
    expect(response.body.durations).toEqual([
      {
        type: 'text.indicators',
        count: 3,
        p50Ms: Math.round(percentileCont(durations, 0.5)),
        p90Ms: Math.round(percentileCont(durations, 0.9)),
        p99Ms: Math.round(percentileCont(durations, 0.99)),
      },
    ]);
  });

  it('covers the last 24 hours by the hour by default, every bucket on an hour boundary', async () => {
    const before = Date.now();
    const { body } = await as(uniqueSubject('defaults')).get<JobStatsTimelineResponse>(TIMELINE);
    const after = Date.now();
    const hours = (ms: number, round: (hours: number) => number) => round(ms / 3_600_000) * 3_600_000;
    expect(body.bucket).toBe('hour');
    expect(Date.parse(body.from)).toBeGreaterThanOrEqual(hours(before - 24 * 3_600_000, Math.floor));
    expect(Date.parse(body.from)).toBeLessThanOrEqual(after - 24 * 3_600_000);
    expect(Date.parse(body.to)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.to)).toBeLessThanOrEqual(hours(after, Math.ceil));
    expect(body.points.length).toBe((Date.parse(body.to) - Date.parse(body.from)) / 3_600_000);
    for (const [index, point] of body.points.entries()) {
      expect(point).toEqual({ at: new Date(Date.parse(body.from) + index * 3_600_000).toISOString(), created: 0, completed: 0, failed: 0, cancelled: 0 });
    }
    expect(body.durations).toEqual([]);
  });

  describe('over seeded days', () => {
    // A day long past, which no other test's jobs reach.
    const DAY = Date.parse('2003-05-06T00:00:00Z');
    const org = uniqueSubject('org');
    const member = uniqueSubject('member');
    const colleague = uniqueSubject('colleague');
    const outsider = uniqueSubject('outsider');
    const window = `from=2003-05-06&to=2003-05-07&bucket=day&refresh=true`;
    const createdOn = (body: JobStatsTimelineResponse) => body.points.map((point) => point.created);

    beforeAll(async () => {
      const at = (hours: number) => new Date(DAY + hours * 3_600_000);
      await seedJobs(database, [
        { ownerId: member, orgId: org, createdAt: at(1) },
        { ownerId: member, createdAt: at(2), status: 'COMPLETED', startedAt: at(2), finishedAt: new Date(DAY + 2 * 3_600_000 + 250) },
        { ownerId: colleague, orgId: org, createdAt: at(3), status: 'FAILED', finishedAt: at(4) },
        { ownerId: colleague, orgId: org, type: 'domain.similar', createdAt: at(5) },
        { ownerId: outsider, createdAt: at(6), status: 'CANCELLED', finishedAt: at(7) },
      ]);
    });

    it("counts an organisation member's own jobs and the organisation's", async () => {
      const { body } = await as(member, { org }).get<JobStatsTimelineResponse>(`${TIMELINE}?${window}`);
      expect(body.points).toEqual([{ at: '2003-05-06T00:00:00.000Z', created: 4, completed: 1, failed: 1, cancelled: 0 }]);
      expect(body.durations).toEqual([{ type: 'text.indicators', count: 1, p50Ms: 250, p90Ms: 250, p99Ms: 250 }]);
      expect(createdOn((await as(member).get<JobStatsTimelineResponse>(`${TIMELINE}?${window}`)).body)).toEqual([2]);
      expect(createdOn((await as(colleague, { org }).get<JobStatsTimelineResponse>(`${TIMELINE}?${window}&type=domain.similar`)).body)).toEqual([1]);
    });

    it('counts every owner for admins with scope=all, or one with ownerId, and refuses both to others with 403', async () => {
      expect(createdOn((await admin().get<JobStatsTimelineResponse>(`${TIMELINE}?${window}&scope=all`)).body)).toEqual([5]);
      expect(createdOn((await admin().get<JobStatsTimelineResponse>(`${TIMELINE}?${window}&ownerId=${outsider}`)).body)).toEqual([1]);
      expect(createdOn((await admin().get<JobStatsTimelineResponse>(`${TIMELINE}?${window}`)).body)).toEqual([0]);
      for (const query of ['scope=all', `ownerId=${member}`]) {
        const denied = await as(member, { org }).get<ProblemDetails>(`${TIMELINE}?${window}&${query}`);
        expect(denied.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
    });

    it('answers through @jobs/client with dates and type lists', async () => {
      const client = new JobsClient({ baseUrl: stack.api.url, token: mintToken({ sub: member, org }), fetch: validatingFetch });
      const timeline = await client.statsTimeline({ from: new Date(DAY), to: new Date(DAY + 24 * 3_600_000), bucket: 'hour', type: ['text.indicators', 'domain.similar'] });
      expect(timeline.points).toHaveLength(24);
      expect(timeline.points.flatMap((point, hour) => (point.created > 0 ? [[hour, point.created]] : []))).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
        [5, 1],
      ]);
      expect(timeline.points[4]).toMatchObject({ at: '2003-05-06T04:00:00.000Z', failed: 1 });
    });
  });

  it('refuses a bad bucket or instant, a reversed window, too many buckets and a window past year 9999 with 400 naming the field', async () => {
    const client = as(uniqueSubject('refused'));
    for (const [query, field, message] of [
      ['bucket=week', 'bucket', 'bucket must be one of: minute, hour, day'],
      ['from=yesterday', 'from', 'from must be an ISO 8601 date or date-time, or Unix milliseconds, up to the end of year 9999'],
      ['to=253402300800000', 'to', 'to must be an ISO 8601 date or date-time, or Unix milliseconds, up to the end of year 9999'],
      ['from=9999-12-30&to=9999-12-31T12:00:00Z&bucket=day', 'to', 'to must be at or before 9999-12-31T00:00:00.000Z with day buckets'],
      ['from=2026-02-02&to=2026-02-01', 'from', 'from (2026-02-02T00:00:00.000Z) must be before to (2026-02-01T00:00:00.000Z)'],
      ['from=2026-02-01&to=2026-02-01', 'from', 'from (2026-02-01T00:00:00.000Z) must be before to (2026-02-01T00:00:00.000Z)'],
      ['from=2026-02-01&to=2026-02-08&bucket=minute', 'bucket', '10080 minute buckets from 2026-02-01T00:00:00.000Z to 2026-02-08T00:00:00.000Z; at most 1500: choose a wider bucket or a shorter window'],
      ['from=2000-01-01&to=2026-01-01', 'from', expect.stringContaining('day buckets from 2000-01-01T00:00:00.000Z')],
    ] as const) {
      const response = await client.get<ProblemDetails>(`${TIMELINE}?${query}`);
      expect({ query, status: response.status, body: response.body }).toMatchObject({
        query,
        status: 400,
        body: { code: 'VALIDATION_FAILED', errors: [{ field, message }] },
      });
    }
  });
});

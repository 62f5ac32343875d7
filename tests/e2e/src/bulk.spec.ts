import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BulkJobsResponse, JobAcceptedResponse, JobListResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { freePort } from '@jobs/dev-postgres';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect, minutesAgo, orphans, queueSeededJobs, type SeedJob, type SeededJob, seedJobs } from './support/seed.js';

const DAY = 24 * 60;
const NOTHING_SKIPPED = { notOwner: 0, status: 0, unregisteredType: 0 };

describe('retry and cancel by filter, and retention', () => {
  let stack: TestStack;
  let database: pg.Client;
  let admin: ApiClient;

  beforeAll(async () => {
    const types = { ENABLE_DIAGNOSTIC_JOBS: 'true', ENABLE_BENCHMARK_JOBS: 'true' };
    // Two workers, both trying retention every second; only bench.noop jobs have an age (2 s).
    stack = await startStack({
      workers: 2,
      apiEnv: types,
      workerEnv: { ...types, JOB_RETENTION_BY_TYPE: 'bench.noop=2s', JOB_RETENTION_INTERVAL_SECONDS: '1' },
    });
    database = await connect(stack.database.url);
    admin = stack.client.withToken(mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }));
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const as = (sub: string, claims: Record<string, unknown> = {}): ApiClient => stack.client.withToken(mintToken({ sub, ...claims }));

  /** Seeded jobs with queue entries due tomorrow, and the error code a failed attempt would have left. */
  /** Rows and queue entries in one transaction: the workers' retention runs must not see the rows alone. */
  async function seedAtOnce(jobs: SeedJob[]): Promise<SeededJob[]> {
    await database.query('BEGIN');
    try {
      const seeded = await seedJobs(database, jobs);
      await queueSeededJobs(stack.database.url, seeded, database);
      await database.query('COMMIT');
      return seeded;
    } catch (error) {
      await database.query('ROLLBACK');
      throw error;
    }
  }

  async function seedFailed(jobs: (SeedJob & { errorCode?: string })[]): Promise<SeededJob[]> {
    const seeded = await seedJobs(database, jobs);
    await queueSeededJobs(stack.database.url, seeded);
    for (const [index, job] of jobs.entries()) {
      if (job.errorCode) await database.query('UPDATE jobs SET error_code = $2::text, error_message = $2::text WHERE id = $1', [seeded[index]?.id, job.errorCode]);
    }
    return seeded;
  }

  async function statuses(ids: string[]): Promise<Record<string, string>> {
    const { rows } = await database.query<{ id: string; status: string }>('SELECT id, status::text FROM jobs WHERE id = ANY($1::uuid[])', [ids]);
    return Object.fromEntries(rows.map((row) => [row.id, row.status]));
  }

  const post = (client: ApiClient, path: string) => client.request<BulkJobsResponse & ProblemDetails>('POST', path);

  describe('POST /v1/jobs/retry', () => {
    it("retries every FAILED job of a type since a date with an error code: the caller's only, counted by a dry run first", async () => {
      const org = uniqueSubject('org');
      const owner = uniqueSubject('owner');
      const code = uniqueSubject('UpstreamDown');
      const failed = { status: 'FAILED' as const, type: 'text.indicators', errorCode: code };
      const matching = await seedFailed([
        { ownerId: owner, orgId: org, createdAt: minutesAgo(2 * DAY), finishedAt: minutesAgo(2 * DAY), ...failed },
        { ownerId: owner, orgId: org, createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY), ...failed },
        { ownerId: owner, orgId: org, createdAt: minutesAgo(60), finishedAt: minutesAgo(59), ...failed },
      ]);
      const untouched = await seedFailed([
        // Another error code, before the date, another type, another status.
        { ownerId: owner, orgId: org, createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY), ...failed, errorCode: `${code}-other` },
        { ownerId: owner, orgId: org, createdAt: minutesAgo(10 * DAY), finishedAt: minutesAgo(10 * DAY), ...failed },
        { ownerId: owner, orgId: org, createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY), ...failed, type: 'diagnostics.sleep' },
        { ownerId: owner, orgId: org, createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY), ...failed, status: 'COMPLETED' },
        // An organisation member's (visible, not the caller's to change) and a stranger's.
        { ownerId: uniqueSubject('colleague'), orgId: org, createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY), ...failed },
        { ownerId: uniqueSubject('stranger'), createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY), ...failed },
      ]);
      const since = minutesAgo(5 * DAY).toISOString();
      const query = `status=FAILED&type=text.indicators&errorCode=${code}&createdFrom=${since}`;
      const client = as(owner, { org });
      const before = await statuses([...matching, ...untouched].map((job) => job.id));

      const listed = await client.get<JobListResponse>(`/v1/jobs?${query}&includeTotal=true`);
      expect(listed.body.total).toBe(4);

      const dryRun = await post(client, `/v1/jobs/retry?${query}&dryRun=true`);
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toEqual({ dryRun: true, matched: 4, changed: 3, skipped: { ...NOTHING_SKIPPED, notOwner: 1 } });
      expect(await statuses([...matching, ...untouched].map((job) => job.id))).toEqual(before);

      const run = await post(client, `/v1/jobs/retry?${query}`);
      expect(run.body).toEqual({ dryRun: false, matched: 4, changed: 3, skipped: { ...NOTHING_SKIPPED, notOwner: 1 } });
      // Retried with fresh queue entries, the workers run them again.
      await waitUntil(
        () => statuses(matching.map((job) => job.id)),
        (now) => Object.values(now).every((status) => status === 'COMPLETED'),
      );
      expect(await statuses(untouched.map((job) => job.id))).toEqual(Object.fromEntries(untouched.map((job) => [job.id, before[job.id]])));
      expect(await orphans(database)).toEqual({ results: 0, queued: 0 });
    });

    it("lets an admin retry one owner's jobs (ownerId) or every owner's (scope=all)", async () => {
      const code = uniqueSubject('AdminCode');
      const [first, second] = [uniqueSubject('first'), uniqueSubject('second')];
      const failed = { status: 'FAILED' as const, errorCode: code, createdAt: minutesAgo(30), finishedAt: minutesAgo(29) };
      const [firsts, seconds] = await seedFailed([{ ownerId: first, ...failed }, { ownerId: second, ...failed }]);
      const ids = [firsts?.id ?? '', seconds?.id ?? ''];

      expect((await post(admin, `/v1/jobs/retry?ownerId=${first}&errorCode=${code}`)).body).toMatchObject({ matched: 1, changed: 1 });
      expect(await statuses([seconds?.id ?? ''])).toEqual({ [seconds?.id ?? '']: 'FAILED' });
      expect((await post(admin, `/v1/jobs/retry?scope=all&errorCode=${code}&status=FAILED`)).body).toMatchObject({ matched: 1, changed: 1 });
      await waitUntil(() => statuses(ids), (now) => Object.values(now).every((status) => status === 'COMPLETED'));
    });
  });

  describe('POST /v1/jobs/cancel', () => {
    it("cancels the caller's pending and running jobs that match, and nobody else's", async () => {
      const owner = uniqueSubject('canceller');
      const client = as(owner);
      const stranger = as(uniqueSubject('bystander'));
      const delayed = { type: 'text.indicators', payload: { text: 'later' }, delaySeconds: 3600, metadata: { batch: owner } };
      const pending = await Promise.all([0, 1, 2].map(async () => (await client.post<JobAcceptedResponse>('/v1/jobs', delayed)).body.jobId));
      const others = (await stranger.post<JobAcceptedResponse>('/v1/jobs', delayed)).body.jobId;
      const { jobId: running } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 60_000 } })).body;
      await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${running}/status`)).body.status, (status) => status === 'PROCESSING');

      expect((await post(client, '/v1/jobs/cancel?type=text.indicators&status=PENDING')).body).toEqual({ dryRun: false, matched: 3, changed: 3, skipped: NOTHING_SKIPPED });
      expect((await post(client, '/v1/jobs/cancel?type=diagnostics.sleep')).body).toEqual({ dryRun: false, matched: 1, changed: 1, skipped: NOTHING_SKIPPED });
      expect(await statuses([...pending, running, others])).toEqual({
        ...Object.fromEntries([...pending, running].map((id) => [id, 'CANCELLED'])),
        [others]: 'PENDING',
      });
      // Cancelled jobs match again and are counted as skipped by their status.
      expect((await post(client, '/v1/jobs/cancel?type=text.indicators,diagnostics.sleep&dryRun=true')).body).toEqual({
        dryRun: true,
        matched: 4,
        changed: 0,
        skipped: { ...NOTHING_SKIPPED, status: 4 },
      });
      // The running handler was aborted: the job stays CANCELLED, no result.
      expect((await client.get<ProblemDetails>(`/v1/jobs/${running}/result`)).status).toBe(409);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming the field, 403 for scopes of admins, and changes nothing', async () => {
      const owner = uniqueSubject('careless');
      const client = as(owner);
      const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 })).body;
      const cases: [string, number, string | null][] = [
        ['/v1/jobs/cancel', 400, 'all'],
        ['/v1/jobs/cancel?dryRun=true', 400, 'all'],
        ['/v1/jobs/cancel?scope=all', 403, null],
        ['/v1/jobs/cancel?ownerId=someone&all=true', 403, null],
        ['/v1/jobs/cancel?status=BOGUS', 400, 'status'],
        ['/v1/jobs/cancel?createdFrom=yesterday', 400, 'createdFrom'],
        ['/v1/jobs/cancel?type=text.indicators&dryRun=perhaps', 400, 'dryRun'],
        ['/v1/jobs/cancel?all=yes', 400, 'all'],
        ['/v1/jobs/retry?scope=everyone&all=true', 400, 'scope'],
        [`/v1/jobs/retry?errorCode=${'x'.repeat(101)}`, 400, 'errorCode'],
      ];
      for (const [path, status, field] of cases) {
        const response = await post(client, path);
        expect({ path, status: response.status }).toEqual({ path, status });
        if (field) expect(response.body.errors?.map((error) => error.field)).toContain(field);
      }
      expect(await statuses([jobId])).toEqual({ [jobId]: 'PENDING' });
      expect((await post(client, '/v1/jobs/cancel?all=true')).body).toMatchObject({ matched: 1, changed: 1 });
    });
  });

  describe('retention', () => {
    it('purges finished jobs of the configured type once older than its age, on one worker at a time, and nothing else', async () => {
      const owner = uniqueSubject('retained');
      const old = await seedAtOnce([
        { ownerId: owner, type: 'bench.noop', status: 'COMPLETED', createdAt: minutesAgo(10), finishedAt: minutesAgo(9) },
        { ownerId: owner, type: 'bench.noop', status: 'FAILED', createdAt: minutesAgo(10), finishedAt: minutesAgo(9) },
        { ownerId: owner, type: 'bench.noop', status: 'CANCELLED', createdAt: minutesAgo(10), finishedAt: minutesAgo(9) },
      ]);
      const kept = await seedAtOnce([
        { ownerId: owner, type: 'bench.noop', status: 'PENDING', createdAt: minutesAgo(10) },
        { ownerId: owner, type: 'text.indicators', status: 'COMPLETED', createdAt: minutesAgo(10 * DAY), finishedAt: minutesAgo(10 * DAY) },
      ]);
      const client = as(owner);
      const { jobId: ran } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'bench.noop', payload: {} })).body;

      await waitUntil(() => statuses([...old.map((job) => job.id), ran]), (now) => Object.keys(now).length === 0, { timeoutMs: 60_000, intervalMs: 250 });
      expect(Object.keys(await statuses(kept.map((job) => job.id))).sort()).toEqual(kept.map((job) => job.id).sort());
      expect(await orphans(database)).toEqual({ results: 0, queued: 0 });
      const runs = stack.workers.flatMap((worker) => worker.logs().split('\n')).filter((line) => line.includes('retention purged'));
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.some((line) => /retention purged [1-9]\d* finished jobs .*bench\.noop: [1-9]/.test(line))).toBe(true);
    });

    it("counts each worker's retention runs on its /metrics: purged, or skipped while another worker's run held the lock", async () => {
      const port = await freePort();
      await stack.startWorker({ WORKER_HTTP_PORT: String(port), WORKER_HTTP_HOST: '127.0.0.1' });
      const runs = await waitUntil(
        async () => {
          const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          // Every series of the counter, whatever the order of its labels.
          return [...text.matchAll(/^jobs_retention_runs_total\{([^}]*)\} (\d+)/gm)]
            .filter((match) => /outcome="(purged|skipped)"/.test(match[1] ?? ''))
            .reduce((sum, match) => sum + Number(match[2]), 0);
        },
        (count) => count >= 2,
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      expect(runs).toBeGreaterThanOrEqual(2);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DeleteJobsResponse, JobAcceptedResponse, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect, minutesAgo, orphans, queueSeededJobs, type SeededJob, seedJobs } from './support/seed.js';

const DAY = 24 * 60;

describe('deleting jobs', () => {
  let stack: TestStack;
  let database: pg.Client;
  let admin: ApiClient;

  beforeAll(async () => {
    const diagnostics = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
    stack = await startStack({ workers: 1, apiEnv: diagnostics, workerEnv: diagnostics });
    database = await connect(stack.database.url);
    admin = stack.client.withToken(mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }));
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const as = (sub: string, claims: Record<string, unknown> = {}): ApiClient => stack.client.withToken(mintToken({ sub, ...claims }));

  async function remaining(ids: string[]): Promise<string[]> {
    const { rows } = await database.query<{ id: string }>('SELECT id FROM jobs WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map((row) => row.id).sort();
  }

  async function seedQueued(jobs: Parameters<typeof seedJobs>[1]): Promise<SeededJob[]> {
    const seeded = await seedJobs(database, jobs);
    await queueSeededJobs(stack.database.url, seeded);
    return seeded;
  }

  describe('DELETE /v1/jobs/:id', () => {
    it('deletes a finished job with its result and queue entry', async () => {
      const owner = uniqueSubject('owner');
      const client = as(owner);
      const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: '192.0.2.5' } })).body;
      const done = await waitUntil(async () => (await client.get<{ status: string; resultId: string }>(`/v1/jobs/${jobId}/status`)).body, (job) => job.status === 'COMPLETED');

      const response = await client.request<DeleteJobsResponse>('DELETE', `/v1/jobs/${jobId}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ deleted: 1 });
      expect((await client.get(`/v1/jobs/${jobId}`)).status).toBe(404);
      expect((await client.get(`/v1/results/${done.resultId}`)).status).toBe(404);
      expect((await database.query('SELECT 1 FROM pgboss.job WHERE id = $1', [jobId])).rows).toEqual([]);
      expect((await client.request<ProblemDetails>('DELETE', `/v1/jobs/${jobId}`)).body.code).toBe('JOB_NOT_FOUND');
    });

    it('deletes a pending job before any worker runs it', async () => {
      const owner = uniqueSubject('pending');
      const client = as(owner);
      const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 })).body;

      expect((await client.request('DELETE', `/v1/jobs/${jobId}`)).status).toBe(200);

      expect((await database.query('SELECT 1 FROM pgboss.job WHERE id = $1', [jobId])).rows).toEqual([]);
      expect(await remaining([jobId])).toEqual([]);
    });

    it("answers 404 to strangers, 403 to organisation members, and lets admins delete anyone's job", async () => {
      const org = uniqueSubject('org');
      const owner = uniqueSubject('owner');
      const [first, second] = await seedQueued([
        { ownerId: owner, orgId: org, status: 'FAILED', createdAt: minutesAgo(5) },
        { ownerId: owner, orgId: org, status: 'FAILED', createdAt: minutesAgo(4) },
      ]);

      expect((await as(uniqueSubject('stranger')).request<ProblemDetails>('DELETE', `/v1/jobs/${first?.id}`)).body.code).toBe('JOB_NOT_FOUND');
      expect((await as(uniqueSubject('member'), { org }).request<ProblemDetails>('DELETE', `/v1/jobs/${first?.id}`)).body).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect((await admin.request('DELETE', `/v1/jobs/${second?.id}`)).status).toBe(200);
      expect(await remaining([first?.id ?? '', second?.id ?? ''])).toEqual([first?.id]);
    });
  });

  describe('DELETE /v1/jobs', () => {
    it("deletes only the caller's own finished jobs older than the date, with results and queue entries", async () => {
      const owner = uniqueSubject('purger');
      const other = uniqueSubject('bystander');
      const old = await seedQueued([
        { ownerId: owner, status: 'COMPLETED', createdAt: minutesAgo(10 * DAY), finishedAt: minutesAgo(10 * DAY) },
        { ownerId: owner, status: 'FAILED', createdAt: minutesAgo(9 * DAY), finishedAt: minutesAgo(9 * DAY) },
        { ownerId: owner, status: 'CANCELLED', type: 'diagnostics.sleep', createdAt: minutesAgo(8 * DAY), finishedAt: minutesAgo(8 * DAY) },
      ]);
      const kept = await seedQueued([
        { ownerId: owner, status: 'PENDING', createdAt: minutesAgo(10 * DAY) },
        { ownerId: owner, status: 'PROCESSING', createdAt: minutesAgo(10 * DAY) },
        { ownerId: owner, status: 'COMPLETED', createdAt: minutesAgo(DAY), finishedAt: minutesAgo(DAY) },
        { ownerId: other, status: 'COMPLETED', createdAt: minutesAgo(10 * DAY), finishedAt: minutesAgo(10 * DAY) },
      ]);
      const cutoff = new Date(Date.now() - 7 * DAY * 60_000).toISOString();

      const response = await as(owner).request<DeleteJobsResponse>('DELETE', `/v1/jobs?createdBefore=${cutoff}`);

      expect(response.body).toEqual({ deleted: 3 });
      expect(await remaining([...old, ...kept].map((job) => job.id))).toEqual(kept.map((job) => job.id).sort());
      expect(await orphans(database)).toEqual({ results: 0, queued: 0 });
    });

    it('narrows by finish date, type and terminal status', async () => {
      const owner = uniqueSubject('narrow');
      const jobs = await seedQueued([
        { ownerId: owner, status: 'FAILED', createdAt: minutesAgo(5 * DAY), finishedAt: minutesAgo(4 * DAY) },
        { ownerId: owner, status: 'COMPLETED', createdAt: minutesAgo(5 * DAY), finishedAt: minutesAgo(4 * DAY) },
        { ownerId: owner, status: 'FAILED', type: 'diagnostics.sleep', createdAt: minutesAgo(5 * DAY), finishedAt: minutesAgo(4 * DAY) },
        { ownerId: owner, status: 'FAILED', createdAt: minutesAgo(5 * DAY), finishedAt: minutesAgo(60) },
      ]);
      const cutoff = Date.now() - 2 * DAY * 60_000;

      const response = await as(owner).request<DeleteJobsResponse>('DELETE', `/v1/jobs?finishedBefore=${new Date(cutoff).toISOString()}&status=FAILED&type=text.indicators`);

      expect(response.body).toEqual({ deleted: 1 });
      expect(await remaining(jobs.map((job) => job.id))).toEqual(jobs.slice(1).map((job) => job.id).sort());
    });

    it('needs a date filter, and refuses active statuses', async () => {
      const client = as(uniqueSubject('careless'));
      const noDate = await client.request<ProblemDetails>('DELETE', '/v1/jobs?status=FAILED');
      expect(noDate.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(noDate.body.errors?.[0]).toMatchObject({ field: 'createdBefore', message: expect.stringContaining('give createdBefore, finishedBefore or both') });
      const active = await client.request<ProblemDetails>('DELETE', '/v1/jobs?createdBefore=2026-01-01&status=PENDING');
      expect(active.body.errors?.[0]?.field).toBe('status');
      const badDate = await client.request<ProblemDetails>('DELETE', '/v1/jobs?createdBefore=last-week');
      expect(badDate.body.errors?.[0]).toMatchObject({ field: 'createdBefore', message: expect.stringContaining('YYYY-MM-DD') });
    });
  });

  describe('DELETE /v1/admin/jobs', () => {
    it('is for admins only', async () => {
      const response = await as(uniqueSubject('user')).request<ProblemDetails>('DELETE', '/v1/admin/jobs?createdBefore=2026-01-01');
      expect(response.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect((await stack.client.request('DELETE', '/v1/admin/jobs?createdBefore=2026-01-01')).status).toBe(401);
    });

    it("counts on a dry run, then deletes every owner's finished jobs before a date in batches, leaving no orphans", async () => {
      const type = 'diagnostics.sleep';
      const owners = Array.from({ length: 3 }, () => uniqueSubject('tenant'));
      const before = new Date('2020-01-15T00:00:00.000Z');
      const old = await seedQueued(
        Array.from({ length: 12_000 }, (_, index) => ({
          ownerId: owners[index % 3] ?? 'x',
          type,
          status: (['COMPLETED', 'FAILED', 'CANCELLED'] as const)[index % 3],
          createdAt: new Date(before.getTime() - (index + 1) * 60_000),
          finishedAt: new Date(before.getTime() - index * 60_000),
        })),
      );
      const young = await seedQueued([
        { ownerId: owners[0] ?? 'x', type, status: 'COMPLETED', createdAt: new Date(before.getTime() + 60_000), finishedAt: new Date(before.getTime() + 60_000) },
        { ownerId: owners[1] ?? 'x', type, status: 'PENDING', createdAt: new Date(before.getTime() - 60_000) },
      ]);
      const query = `createdBefore=2020-01-15&type=${type}`;

      const dryRun = await admin.request<DeleteJobsResponse>('DELETE', `/v1/admin/jobs?${query}&dryRun=true`);
      expect(dryRun.body).toEqual({ deleted: 12_000, dryRun: true });
      expect((await remaining(old.slice(0, 10).map((job) => job.id))).length).toBe(10);

      const purge = await admin.request<DeleteJobsResponse>('DELETE', `/v1/admin/jobs?${query}`);

      expect(purge.body).toEqual({ deleted: 12_000, dryRun: false });
      expect(await remaining([...old, ...young].map((job) => job.id))).toEqual(young.map((job) => job.id).sort());
      expect(await orphans(database)).toEqual({ results: 0, queued: 0 });
      expect(stack.api.process.logs()).toMatch(/deleted 12000 jobs in \d+ ms/);
    });

    it('filters by owner and status, and deletes active jobs only with includeActive', async () => {
      const owner = uniqueSubject('tenant');
      const jobs = await seedQueued([
        { ownerId: owner, status: 'PENDING', createdAt: new Date('2019-01-01T00:00:00Z') },
        { ownerId: owner, status: 'FAILED', createdAt: new Date('2019-01-01T00:00:00Z'), finishedAt: new Date('2019-01-02T00:00:00Z') },
        { ownerId: uniqueSubject('other'), status: 'PENDING', createdAt: new Date('2019-01-01T00:00:00Z') },
      ]);

      const refused = await admin.request<ProblemDetails>('DELETE', `/v1/admin/jobs?createdBefore=2019-06-01&ownerId=${owner}&status=PENDING`);
      expect(refused.body.errors?.[0]).toMatchObject({ field: 'status', message: expect.stringContaining('includeActive=true') });

      const response = await admin.request<DeleteJobsResponse>('DELETE', `/v1/admin/jobs?createdBefore=2019-06-01T00:00:00Z&ownerId=${owner}&includeActive=true`);

      expect(response.body).toEqual({ deleted: 2, dryRun: false });
      expect(await remaining(jobs.map((job) => job.id))).toEqual([jobs[2]?.id]);
      expect(await orphans(database)).toEqual({ results: 0, queued: 0 });
    });

    it('needs a date filter', async () => {
      const response = await admin.request<ProblemDetails>('DELETE', '/v1/admin/jobs?dryRun=true');
      expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });
});

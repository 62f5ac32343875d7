import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DeleteJobsResponse, JobAcceptedResponse, JobListResponse, JobSummary } from '@jobs/contracts';
import { createScratchDatabase } from '@jobs/dev-postgres';
import { type ApiClient, mintToken, openEventStream, PgBouncer, type ServerSentEvent, spawnCommand, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect } from './support/seed.js';

const TYPES = { ENABLE_DIAGNOSTIC_JOBS: 'true', ENABLE_BENCHMARK_JOBS: 'true' };
/** Server connections PgBouncer opens per database: far fewer than the API's and worker's pools (10 each, two pools a process). */
const SERVER_CONNECTIONS = 4;
const MIGRATE_CLI = fileURLToPath(new URL('../../../packages/database/dist/cli.js', import.meta.url));

describe('behind a transaction-pooling PgBouncer', () => {
  let bouncer: PgBouncer;
  let stack: TestStack;
  let database: pg.Client;
  let owner: string;
  let client: ApiClient;

  beforeAll(async () => {
    stack = await startStack({
      apiEnv: TYPES,
      // Retention (a transaction-scoped advisory lock held through the run) purges bench.noop jobs 2 s after they finish.
      workerEnv: { ...TYPES, JOB_RETENTION_BY_TYPE: 'bench.noop=2s', JOB_RETENTION_INTERVAL_SECONDS: '1' },
      // Statements through the pooler, sessions (LISTEN, the worker's registration) straight to PostgreSQL.
      databaseEnv: async (url) => {
        bouncer = await PgBouncer.start({ serverUrl: url, poolSize: SERVER_CONNECTIONS });
        return { DATABASE_URL: bouncer.urlFor(url), DATABASE_DIRECT_URL: url };
      },
    });
    database = await connect(stack.database.url);
    owner = uniqueSubject('pooled');
    client = stack.client.withToken(mintToken({ sub: owner }));
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
    await bouncer?.stop();
  });

  async function submit(body: Record<string, unknown>): Promise<string> {
    const response = await client.post<JobAcceptedResponse>('/v1/jobs', body);
    expect(response.status).toBe(202);
    return response.body.jobId;
  }

  const status = async (jobId: string): Promise<JobSummary> => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;
  const finished = (jobId: string) =>
    waitUntil(() => status(jobId), (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status), { timeoutMs: 60_000, intervalMs: 100 });

  /** The server connections PgBouncer holds for the stack's database. */
  const serverConnections = async () => (await bouncer.admin<{ database: string }>('SHOW SERVERS')).filter((row) => row.database === stack.database.name).length;

  it('submits, runs and completes a job, and lists it', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'mail ops@example.com from 192.0.2.7' } });

    expect(await finished(jobId)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    const listed = await client.get<JobListResponse>('/v1/jobs?type=text.indicators');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((job) => job.id)).toContain(jobId);
  });

  it("streams a running job's status and progress, then its result, over SSE", async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 1_500, steps: 5 } });
    const stream = await openEventStream(`${stack.api.url}/v1/jobs/${jobId}/stream`, { authorization: `Bearer ${mintToken({ sub: owner })}` });
    expect(stream.status).toBe(200);

    const events = (await stream.rest(60_000)).filter((event): event is ServerSentEvent => event.event !== 'ping');

    expect(events.some((event) => event.event === 'progress')).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'result', data: { id: jobId, status: 'COMPLETED' } });
  });

  it("cancels a running job: the worker's handler hears it on its direct session and is aborted", async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 60_000, steps: 600 }, maxAttempts: 1 });
    await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING' && job.progress !== null, { timeoutMs: 60_000 });

    expect((await client.post<JobSummary>(`/v1/jobs/${jobId}/cancel`)).body.status).toBe('CANCELLED');

    await stack.workers[0]?.waitForOutput(new RegExp(`job ${jobId} cancelled: its handler was signalled`), 15_000);
    expect(await status(jobId)).toMatchObject({ status: 'CANCELLED', resultId: null });
  });

  it('retries a failed attempt after its backoff, and a failed job on request', async () => {
    const retried = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 10, steps: 1, failAttempts: 1 }, maxAttempts: 2 });
    expect(await finished(retried)).toMatchObject({ status: 'COMPLETED', attempts: 2 });

    const failed = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 10, steps: 1, failAttempts: 1 }, maxAttempts: 1 });
    const first = await finished(failed);
    expect(first).toMatchObject({ status: 'FAILED' });
    expect((await client.post<JobAcceptedResponse>(`/v1/jobs/${failed}/retry`)).status).toBe(202);
    // A manual retry is a new run, numbered from attempt 1 again: it fails once more, through the same pooled path.
    await waitUntil(
      () => status(failed),
      (job) => job.status === 'FAILED' && Date.parse(job.startedAt ?? '') > Date.parse(first.finishedAt ?? ''),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const { rows } = await database.query<{ runs: number }>('SELECT count(DISTINCT queue_job_id)::int AS runs FROM job_attempts WHERE job_id = $1', [failed]);
    expect(rows[0]?.runs).toBe(2);
  });

  it('runs hundreds of requests over a few shared server connections without a prepared-statement error', async () => {
    const submitted: string[] = [];
    for (let round = 0; round < 10; round += 1) {
      submitted.push(...(await Promise.all(Array.from({ length: 20 }, (_, index) => submit({ type: 'text.indicators', payload: { text: `round ${round} host${index}.example.com` } })))));
      const reads = await Promise.all(submitted.slice(-20).map((jobId) => client.get<JobSummary>(`/v1/jobs/${jobId}/status`)));
      expect(reads.map((read) => read.status)).toEqual(reads.map(() => 200));
    }
    await waitUntil(
      async () => (await database.query<{ done: number }>("SELECT count(*)::int AS done FROM jobs WHERE id = ANY($1::uuid[]) AND status = 'COMPLETED'", [submitted])).rows[0]?.done,
      (done) => done === submitted.length,
      { timeoutMs: 120_000, intervalMs: 250 },
    );

    const clients = (await bouncer.admin<{ database: string }>('SHOW CLIENTS')).filter((row) => row.database === stack.database.name).length;
    expect(clients).toBeGreaterThan(SERVER_CONNECTIONS);
    expect(await serverConnections()).toBeLessThanOrEqual(SERVER_CONNECTIONS);
    for (const output of [stack.api.process.logs(), ...stack.workers.map((worker) => worker.logs())]) {
      expect(output).not.toMatch(/prepared statement|pg-boss: /);
    }
  });

  it("purges the caller's finished jobs", async () => {
    const purger = stack.client.withToken(mintToken({ sub: uniqueSubject('purger') }));
    const jobIds = await Promise.all([1, 2, 3].map(async (index) => (await purger.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: `purge ${index}` } })).body.jobId));
    await waitUntil(() => purger.get<JobListResponse>('/v1/jobs?status=COMPLETED'), (list) => list.body.data.length === jobIds.length, { timeoutMs: 60_000, intervalMs: 100 });
    const future = new Date(Date.now() + 60_000).toISOString();

    const response = await purger.request<DeleteJobsResponse>('DELETE', `/v1/jobs?createdBefore=${future}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ deleted: jobIds.length });
    expect((await purger.get<JobListResponse>('/v1/jobs')).body.data).toEqual([]);
  });

  it('runs retention under its advisory lock through the pooler', async () => {
    const jobIds = await Promise.all([1, 2].map(() => submit({ type: 'bench.noop', payload: {} })));

    await waitUntil(
      () => Promise.all(jobIds.map(async (jobId) => (await client.get(`/v1/jobs/${jobId}/status`)).status)),
      (statuses) => statuses.every((code) => code === 404),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(stack.workers[0]?.logs()).toMatch(/retention purged [1-9]\d* finished jobs/);
  });

  it('registers the worker through its own session straight to PostgreSQL, not a pooled server connection', async () => {
    const { rows } = await database.query<{ backendPid: number; application: string }>(
      `SELECT w.backend_pid AS "backendPid", s.application_name AS application
         FROM workers w JOIN pg_stat_activity s ON s.pid = w.backend_pid AND s.backend_start = w.backend_started_at
        WHERE w.pid = $1 AND w.stopped_at IS NULL`,
      [stack.workers[0]?.pid],
    );
    expect(rows).toEqual([{ backendPid: expect.any(Number), application: 'jobs-listener' }]);
    const pooled = (await bouncer.admin<{ remote_pid: string }>('SHOW SERVERS')).map((row) => Number(row.remote_pid));
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled).not.toContain(rows[0]?.backendPid);
  });

  it('migrates a database with DATABASE_URL through the pooler: the runner takes DATABASE_DIRECT_URL', async () => {
    const fresh = await createScratchDatabase();
    try {
      const migration = spawnCommand('migrate', process.execPath, [MIGRATE_CLI, 'migrate'], { DATABASE_URL: bouncer.urlFor(fresh.url), DATABASE_DIRECT_URL: fresh.url });
      expect((await migration.exited).code).toBe(0);
      expect(migration.logs()).toMatch(/applied \d+ migration\(s\)/);
      const applied = await connect(fresh.url);
      try {
        expect((await applied.query<{ count: number }>('SELECT count(*)::int AS count FROM jobs')).rows[0]?.count).toBe(0);
      } finally {
        await applied.end();
      }
    } finally {
      await fresh.drop();
    }
  });
});

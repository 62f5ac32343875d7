import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobSummary } from '@jobs/contracts';
import { type ApiClient, mintToken, sleep, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import pg from 'pg';
import { PgBoss } from 'pg-boss';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

describe('worker execution semantics', () => {
  let stack: TestStack;
  let client: ApiClient;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS });
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('operator') }));
    database = new pg.Client({ connectionString: stack.database.url });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  async function submit(body: Record<string, unknown>): Promise<string> {
    const response = await client.post<JobAcceptedResponse>('/v1/jobs', body);
    expect(response.status).toBe(202);
    return response.body.jobId;
  }

  async function status(jobId: string): Promise<JobSummary> {
    return (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;
  }

  function finished(jobId: string, timeoutMs = 30_000): Promise<JobSummary> {
    return waitUntil(() => status(jobId), (job) => TERMINAL.includes(job.status), { timeoutMs });
  }

  it('retries a failing job with backoff until it succeeds', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 10, failAttempts: 2 }, maxAttempts: 3 });

    const retrying = await waitUntil(() => status(jobId), (job) => job.attempts >= 1 && job.status === 'PENDING');
    expect(retrying.error).toEqual({ code: 'DiagnosticFailure', message: 'failing attempt 1 of the first 2 as asked' });

    const job = await finished(jobId);
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 3, error: null });
    const result = await client.get<JobResponse>(`/v1/jobs/${jobId}`);
    expect(result.body.result).toMatchObject({ attempt: 3 });
  });

  it('keeps the error of the last attempt when every attempt fails', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 10, failAttempts: 10 }, maxAttempts: 2 });

    const job = await finished(jobId);

    expect(job).toMatchObject({ status: 'FAILED', attempts: 2, resultId: null });
    expect(job.error).toEqual({ code: 'DiagnosticFailure', message: 'failing attempt 2 of the first 10 as asked' });
    expect(job.finishedAt).not.toBeNull();
    const { rows } = await database.query('SELECT 1 FROM results WHERE job_id = $1', [jobId]);
    expect(rows).toEqual([]);
  });

  it('aborts a job past its timeout and fails it with JobTimeout', async () => {
    const started = Date.now();
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 20_000 }, timeoutSeconds: 1, maxAttempts: 1 });

    const job = await finished(jobId);

    expect(job.status).toBe('FAILED');
    expect(job.error).toEqual({ code: 'JobTimeout', message: 'Job exceeded its timeout of 1s and was aborted' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails a handler that ignores its abort signal at the timeout, and discards what it returns later', async () => {
    const jobId = await submit({
      type: 'diagnostics.sleep',
      payload: { durationMs: 2_500, steps: 1, ignoreAbort: true },
      timeoutSeconds: 1,
      maxAttempts: 1,
    });

    const job = await finished(jobId);
    expect(job.status).toBe('FAILED');
    expect(job.error?.code).toBe('JobTimeout');

    await sleep(2_500);
    const later = await status(jobId);
    expect(later).toMatchObject({ status: 'FAILED', resultId: null, updatedAt: job.updatedAt });
    const { rows } = await database.query('SELECT 1 FROM results WHERE job_id = $1', [jobId]);
    expect(rows).toEqual([]);
  });

  it('starts no second copy of a timed-out job while the first, ignoring its signal, still runs', async () => {
    const jobId = await submit({
      type: 'diagnostics.sleep',
      payload: { durationMs: 3_000, steps: 1, ignoreAbort: true },
      timeoutSeconds: 1,
      maxAttempts: 2,
    });
    const first = await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING' && job.attempts === 1);
    const retrying = await waitUntil(() => status(jobId), (job) => job.attempts === 1 && job.status === 'PENDING');
    expect(retrying.error?.code).toBe('JobTimeout');

    const second = await waitUntil(() => status(jobId), (job) => job.attempts === 2, { timeoutMs: 30_000 });

    expect(Date.parse(second.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first.startedAt ?? '') + 3_000);
    expect((await finished(jobId)).error?.code).toBe('JobTimeout');
  });

  it('shows progress in the status route while a job runs', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 3_000, steps: 6 } });

    const running = await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING' && (job.progress?.current ?? 0) >= 1);

    expect(running.progress).toMatchObject({ total: 6, message: expect.stringMatching(/^slept \d of 6 steps$/) });
    expect(running.progress?.percentage).toBeCloseTo(((running.progress?.current ?? 0) / 6) * 100, 0);
    expect(running.startedAt).not.toBeNull();
    const done = await finished(jobId);
    expect(done.progress).toEqual({ current: 6, total: 6, message: 'slept 6 of 6 steps', percentage: 100 });
  });

  it('fails a stored payload that no longer passes its contract at once, without retrying', async () => {
    const sub = uniqueSubject('legacy');
    const jobId = randomUUID();
    await database.query(
      `INSERT INTO jobs (id, owner_id, type, payload, max_attempts, timeout_seconds, queue_name, queue_job_id)
       VALUES ($1, $2, 'text.indicators', '{"text": 17}', 3, 60, 'text.indicators', $1)`,
      [jobId, sub],
    );
    const boss = new PgBoss({ connectionString: stack.database.url, supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      await boss.send('text.indicators', { jobId }, { id: jobId });
    } finally {
      await boss.stop({ graceful: false });
    }

    const owner = stack.client.withToken(mintToken({ sub }));
    const job = await waitUntil(
      async () => (await owner.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body,
      (candidate) => TERMINAL.includes(candidate.status),
    );
    expect(job).toMatchObject({ status: 'FAILED', attempts: 1, error: { code: 'InvalidPayload', message: 'payload.text must be a string' } });
  });

  it('does not run again a job whose row is already finished when the queue delivers it twice', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'once 192.0.2.9' } });
    const first = await finished(jobId);
    expect(first.status).toBe('COMPLETED');

    const boss = new PgBoss({ connectionString: stack.database.url, supervise: false, schedule: false, migrate: false });
    await boss.start();
    let duplicateId: string | null;
    try {
      duplicateId = await boss.send('text.indicators', { jobId });
      await waitUntil(
        async () => (await boss.findJobs('text.indicators', { id: duplicateId ?? '' }))[0]?.state,
        (state) => state === 'completed',
      );
    } finally {
      await boss.stop({ graceful: false });
    }

    expect(await status(jobId)).toEqual(first);
    const { rows } = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM results WHERE job_id = $1', [jobId]);
    expect(rows[0]?.count).toBe(1);
  });

  it('writes no queue entry without its job row, and no row without its queue entry', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, index) => submit({ type: 'text.indicators', payload: { text: `host-${index}.example.com` } })));

    const { rows } = await database.query<{ id: string; queue_id: string | null }>(
      `SELECT j.id, q.id AS queue_id FROM jobs j LEFT JOIN pgboss.job q ON q.id = j.queue_job_id WHERE j.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows.length).toBe(20);
    expect(rows.filter((row) => row.queue_id === null)).toEqual([]);
    const orphans = await database.query(`SELECT q.id FROM pgboss.job q LEFT JOIN jobs j ON j.id = (q.data->>'jobId')::uuid WHERE j.id IS NULL AND q.name = 'text.indicators' AND q.id = ANY($1::uuid[])`, [ids]);
    expect(orphans.rows).toEqual([]);
  });

  it('drains on SIGTERM: a running job finishes, then the worker exits cleanly', async () => {
    const drainingWorker = await stack.startWorker();
    for (const worker of stack.workers.filter((candidate) => candidate !== drainingWorker)) await worker.stop();
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 2_000, steps: 4 } });
    await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING');

    const exit = await drainingWorker.stop();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(await status(jobId)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    await stack.startWorker();
  });
});

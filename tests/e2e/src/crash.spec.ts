import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect } from './support/seed.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe('crash safety', () => {
  let stack: TestStack;
  let client: ApiClient;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ workers: 1, apiEnv: DIAGNOSTICS, workerEnv: { ...DIAGNOSTICS, WORKER_SUPERVISE_INTERVAL_SECONDS: '3' } });
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('survivor') }));
    database = await connect(stack.database.url);
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const status = async (jobId: string): Promise<JobSummary> => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;

  it('runs a job again on another worker when its worker is killed mid-job, and stores its result once', async () => {
    const jobId = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 4_000, steps: 8 } })).body.jobId;
    await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING' && (job.progress?.current ?? 0) >= 1);
    const victim = stack.workers[0];
    victim?.kill('SIGKILL');
    expect(await victim?.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await stack.startWorker();

    const done = await waitUntil(() => status(jobId), (job) => job.status === 'COMPLETED', { timeoutMs: 60_000, intervalMs: 200 });

    expect(done.attempts).toBe(2);
    const { rows } = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM results WHERE job_id = $1', [jobId]);
    expect(rows[0]?.count).toBe(1);
  });

  it('fails a job whose worker is killed on its last attempt, instead of leaving it running forever', async () => {
    const jobId = (
      await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 30_000, steps: 30 }, maxAttempts: 1 })
    ).body.jobId;
    await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING');
    const victim = stack.workers.at(-1);
    victim?.kill('SIGKILL');
    await victim?.exited;
    await stack.startWorker();

    const lost = await waitUntil(() => status(jobId), (job) => job.status !== 'PROCESSING', { timeoutMs: 60_000, intervalMs: 200 });

    expect(lost).toMatchObject({ status: 'FAILED', attempts: 1, error: { code: 'WorkerLost' } });
    expect(lost.finishedAt).not.toBeNull();
  });
});

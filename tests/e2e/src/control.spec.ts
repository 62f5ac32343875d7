import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect } from './support/seed.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe('cancel and retry', () => {
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

  async function submit(client: ApiClient, body: Record<string, unknown>): Promise<string> {
    const response = await client.post<JobAcceptedResponse>('/v1/jobs', body);
    expect(response.status).toBe(202);
    return response.body.jobId;
  }

  const status = async (client: ApiClient, jobId: string): Promise<JobSummary> => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;

  async function queueState(jobId: string): Promise<string | undefined> {
    const { rows } = await database.query<{ state: string }>('SELECT q.state FROM pgboss.job q JOIN jobs j ON q.id = j.queue_job_id WHERE j.id = $1', [jobId]);
    return rows[0]?.state;
  }

  it('cancels a pending job, and its queue entry with it', async () => {
    const client = as(uniqueSubject('pending'));
    const jobId = await submit(client, { type: 'text.indicators', payload: { text: 'later' }, delaySeconds: 3600 });

    const response = await client.post<JobSummary>(`/v1/jobs/${jobId}/cancel`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: jobId, status: 'CANCELLED' });
    expect(response.body.finishedAt).not.toBeNull();
    expect(await queueState(jobId)).toBe('cancelled');
  });

  it("fires a running handler's AbortSignal within 2 s and discards what it would return", async () => {
    const client = as(uniqueSubject('running'));
    const jobId = await submit(client, { type: 'diagnostics.sleep', payload: { durationMs: 30_000, steps: 300 } });
    await waitUntil(() => status(client, jobId), (job) => job.status === 'PROCESSING' && job.progress !== null);

    const cancelledAt = Date.now();
    expect((await client.post<JobSummary>(`/v1/jobs/${jobId}/cancel`)).body.status).toBe('CANCELLED');

    const worker = stack.workers[0];
    await worker?.waitForOutput(new RegExp(`job ${jobId} cancelled: its handler was signalled`), 2_000);
    await worker?.waitForOutput(/cancelled while running; whatever the handler returns is discarded/, 2_000);
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    const settled = await status(client, jobId);
    expect(settled).toMatchObject({ status: 'CANCELLED', resultId: null, attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await status(client, jobId)).toEqual(settled);
  });

  it('answers 409 JOB_ALREADY_FINISHED for a finished job, 404 to strangers and 403 to organisation members', async () => {
    const org = uniqueSubject('org');
    const owner = as(uniqueSubject('owner'), { org });
    const jobId = await submit(owner, { type: 'text.indicators', payload: { text: 'quick' } });
    await waitUntil(() => status(owner, jobId), (job) => job.status === 'COMPLETED');

    const finished = await owner.post<ProblemDetails>(`/v1/jobs/${jobId}/cancel`);
    expect(finished.body).toMatchObject({ status: 409, code: 'JOB_ALREADY_FINISHED', jobStatus: 'COMPLETED' });
    expect((await as(uniqueSubject('stranger')).post<ProblemDetails>(`/v1/jobs/${jobId}/cancel`)).body.code).toBe('JOB_NOT_FOUND');
    expect((await as(uniqueSubject('member'), { org }).post<ProblemDetails>(`/v1/jobs/${jobId}/cancel`)).body.code).toBe('FORBIDDEN');
  });

  it('queues a failed job again under the same id with its attempts reset, and runs it again', async () => {
    const client = as(uniqueSubject('retry'));
    const jobId = await submit(client, { type: 'diagnostics.sleep', payload: { durationMs: 5, failAttempts: 2 }, maxAttempts: 2 });
    const failed = await waitUntil(() => status(client, jobId), (job) => job.status === 'FAILED');
    expect(failed).toMatchObject({ attempts: 2, error: { code: 'DiagnosticFailure', message: 'failing attempt 2 of the first 2 as asked' } });

    const response = await client.post<JobAcceptedResponse>(`/v1/jobs/${jobId}/retry`);

    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ jobId, status: 'PENDING' });
    expect(response.headers.get('location')).toBe(`/v1/jobs/${jobId}`);
    const again = await waitUntil(
      () => status(client, jobId),
      (job) => job.status === 'FAILED' && Date.parse(job.startedAt ?? '') > Date.parse(failed.finishedAt ?? ''),
    );
    expect(again).toMatchObject({ attempts: 2, error: { message: 'failing attempt 2 of the first 2 as asked' } });
    const { rows } = await database.query('SELECT q.id FROM pgboss.job q WHERE q.data->>$1 = $2', ['jobId', jobId]);
    expect(rows.length).toBe(1);
  });

  it('retries a cancelled job, and refuses to retry one that is pending or completed', async () => {
    const client = as(uniqueSubject('retry-cancelled'));
    const jobId = await submit(client, { type: 'text.indicators', payload: { text: '198.51.100.7' }, delaySeconds: 3600 });
    const pending = await client.post<ProblemDetails>(`/v1/jobs/${jobId}/retry`);
    expect(pending.body).toMatchObject({ status: 409, code: 'JOB_NOT_RETRYABLE', jobStatus: 'PENDING' });

    await client.post(`/v1/jobs/${jobId}/cancel`);
    expect((await client.post(`/v1/jobs/${jobId}/retry`)).status).toBe(202);

    const done = await waitUntil(() => status(client, jobId), (job) => job.status === 'COMPLETED');
    expect(Date.parse(done.runAt)).toBeLessThan(Date.now());
    const completed = await client.post<ProblemDetails>(`/v1/jobs/${jobId}/retry`);
    expect(completed.body).toMatchObject({ status: 409, code: 'JOB_NOT_RETRYABLE', jobStatus: 'COMPLETED' });
  });

  it('cancels a running job before deleting it', async () => {
    const client = as(uniqueSubject('delete-running'));
    const jobId = await submit(client, { type: 'diagnostics.sleep', payload: { durationMs: 30_000, steps: 300 } });
    await waitUntil(() => status(client, jobId), (job) => job.status === 'PROCESSING');

    expect((await client.request('DELETE', `/v1/jobs/${jobId}`)).status).toBe(200);

    await stack.workers[0]?.waitForOutput(new RegExp(`job ${jobId} cancelled: its handler was signalled`), 2_000);
    expect((await client.get(`/v1/jobs/${jobId}`)).status).toBe(404);
  });
});

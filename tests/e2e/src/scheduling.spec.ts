import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe('scheduling', () => {
  let stack: TestStack;
  let client: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: DIAGNOSTICS, workerEnv: { ...DIAGNOSTICS, WORKER_CONCURRENCY: '1' } });
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('scheduler') }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const submit = async (body: Record<string, unknown>): Promise<string> => (await client.post<JobAcceptedResponse>('/v1/jobs', body)).body.jobId;
  const status = async (jobId: string): Promise<JobSummary> => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;

  it('runs waiting jobs highest priority first', async () => {
    const blocker = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 1_500, steps: 1 } });
    await waitUntil(() => status(blocker), (job) => job.status === 'PROCESSING');
    const priorities = [0, 5, -3, 10, 1];
    const ids = [];
    for (const priority of priorities) ids.push(await submit({ type: 'diagnostics.sleep', payload: { durationMs: 10, steps: 1 }, priority }));

    const jobs = await Promise.all(ids.map((id) => waitUntil(() => status(id), (job) => job.status === 'COMPLETED')));

    const startOrder = [...jobs].sort((a, b) => Date.parse(a.startedAt ?? '') - Date.parse(b.startedAt ?? '')).map((job) => job.priority);
    expect(startOrder).toEqual([10, 5, 1, 0, -3]);
  });

  it('keeps a delayed job PENDING until its time, then runs it', async () => {
    // Long enough that the first read comes before the job is due even on a loaded machine.
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'soon' }, delaySeconds: 4 });
    expect((await status(jobId)).status).toBe('PENDING');

    const done = await waitUntil(() => status(jobId), (job) => job.status === 'COMPLETED', { timeoutMs: 30_000 });

    expect(Date.parse(done.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(done.runAt));
  });
});

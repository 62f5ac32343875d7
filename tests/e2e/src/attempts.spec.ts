import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobAttemptListResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, type ManagedProcess, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe('GET /v1/jobs/:id/attempts', () => {
  let stack: TestStack;
  const org = uniqueSubject('org');
  let owner: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ workers: 1, apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS });
    owner = stack.client.withToken(mintToken({ sub: uniqueSubject('owner'), org }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function submit(body: Record<string, unknown>): Promise<string> {
    const response = await owner.post<JobAcceptedResponse>('/v1/jobs', { type: 'diagnostics.sleep', ...body });
    expect(response.status).toBe(202);
    return response.body.jobId;
  }

  const status = async (jobId: string): Promise<JobSummary> => (await owner.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;
  const attempts = async (jobId: string, client = owner): Promise<JobAttemptListResponse> => (await client.get<JobAttemptListResponse>(`/v1/jobs/${jobId}/attempts`)).body;
  const finished = (jobId: string) => waitUntil(() => status(jobId), (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status), { timeoutMs: 60_000, intervalMs: 100 });

  it('lists each attempt with its worker, times, outcome and error, and the job links to it', async () => {
    const jobId = await submit({ payload: { durationMs: 50, steps: 1, failAttempts: 1 }, maxAttempts: 2 });
    const job = await finished(jobId);
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2, links: { attempts: `/v1/jobs/${jobId}/attempts` } });
    const worker = { id: expect.any(String), host: expect.any(String), pid: stack.workers[0]?.pid };
    const list = await attempts(jobId);
    expect(list).toEqual({
      jobId,
      items: [
        expect.objectContaining({ number: 1, run: 1, worker, outcome: 'RETRIED', error: expect.objectContaining({ code: 'DiagnosticFailure' }) }),
        expect.objectContaining({ number: 2, run: 1, worker, outcome: 'COMPLETED', error: null }),
      ],
    });
    for (const attempt of list.items) {
      expect(attempt.durationMs).toBe(new Date(attempt.finishedAt ?? 0).getTime() - new Date(attempt.startedAt).getTime());
    }
  });

  it('records a timeout as TIMED_OUT, and a cancelled attempt as CANCELLED', async () => {
    const timedOut = await submit({ payload: { durationMs: 20_000, steps: 20 }, timeoutSeconds: 1, maxAttempts: 1 });
    const cancelled = await submit({ payload: { durationMs: 20_000, steps: 20 }, maxAttempts: 1 });
    await waitUntil(() => status(cancelled), (job) => job.status === 'PROCESSING', { timeoutMs: 30_000 });
    expect((await attempts(cancelled)).items).toEqual([expect.objectContaining({ number: 1, outcome: null, finishedAt: null, durationMs: null })]);
    expect((await owner.post(`/v1/jobs/${cancelled}/cancel`)).status).toBe(200);
    await finished(timedOut);
    expect((await attempts(timedOut)).items).toEqual([expect.objectContaining({ outcome: 'TIMED_OUT', error: expect.objectContaining({ code: 'JobTimeout' }) })]);
    expect((await attempts(cancelled)).items).toEqual([expect.objectContaining({ outcome: 'CANCELLED' })]);
  });

  it('is visible exactly when the job is: 404 to others and for unknown jobs, 400 for a malformed id', async () => {
    const jobId = await submit({ payload: { durationMs: 0 } });
    await finished(jobId);
    const member = stack.client.withToken(mintToken({ sub: uniqueSubject('colleague'), org }));
    const stranger = stack.client.withToken(mintToken({ sub: uniqueSubject('stranger') }));
    const admin = stack.client.withToken(mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }));
    expect((await member.get(`/v1/jobs/${jobId}/attempts`)).status).toBe(200);
    expect((await admin.get(`/v1/jobs/${jobId}/attempts`)).status).toBe(200);
    const hidden = await stranger.get<ProblemDetails>(`/v1/jobs/${jobId}/attempts`);
    expect(hidden).toMatchObject({ status: 404, body: { code: 'JOB_NOT_FOUND' } });
    expect(await owner.get<ProblemDetails>('/v1/jobs/00000000-0000-4000-8000-000000000000/attempts')).toMatchObject({ status: 404, body: { code: 'JOB_NOT_FOUND' } });
    expect(await owner.get<ProblemDetails>('/v1/jobs/not-a-uuid/attempts')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  /** The live worker process running the job's current attempt, and another live one beside it (started if need be). */
  async function runnerAndPeer(jobId: string): Promise<{ runner: ManagedProcess; peer: ManagedProcess }> {
    const list = await waitUntil(() => attempts(jobId), (found) => found.items.some((attempt) => attempt.outcome === null), { timeoutMs: 30_000 });
    const pid = list.items.find((attempt) => attempt.outcome === null)?.worker?.pid;
    const runner = stack.workers.find((worker) => worker.pid === pid && worker.isRunning);
    if (!runner) throw new Error(`no live worker with pid ${String(pid)} runs job ${jobId}`);
    const peer = stack.workers.find((worker) => worker !== runner && worker.isRunning) ?? (await stack.startWorker());
    return { runner, peer };
  }

  it('leaves the job of a worker that is frozen but alive (its session open) where it is', async () => {
    const jobId = await submit({ payload: { durationMs: 3_000, steps: 3 }, maxAttempts: 3 });
    const { runner } = await runnerAndPeer(jobId);
    // Frozen past the dead-worker silence (2 s) and several sweeps, but within pg-boss's heartbeat (10 s).
    runner.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    runner.kill('SIGCONT');
    expect(await finished(jobId)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    expect((await attempts(jobId)).items).toEqual([expect.objectContaining({ number: 1, worker: expect.objectContaining({ pid: runner.pid }), outcome: 'COMPLETED' })]);
  });

  it('recovers the job of a worker killed mid-job on the other worker, from its dead database session, before any heartbeat lapses', async () => {
    const jobId = await submit({ payload: { durationMs: 120_000, steps: 120 }, maxAttempts: 3 });
    await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING' && (job.progress?.current ?? 0) >= 1, { timeoutMs: 30_000 });
    const { runner: victim, peer } = await runnerAndPeer(jobId);
    victim.kill('SIGKILL');
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Generous on a loaded machine; what must hold is how it was recovered, not how fast.
    const recovered = await waitUntil(() => attempts(jobId), (list) => list.items.length === 2, { timeoutMs: 60_000, intervalMs: 100 });
    expect(recovered.items).toEqual([
      expect.objectContaining({ number: 1, worker: expect.objectContaining({ pid: victim.pid }), outcome: 'LOST', error: expect.objectContaining({ code: 'WorkerLost' }) }),
      expect.objectContaining({ number: 2, worker: expect.objectContaining({ pid: peer.pid }), outcome: null }),
    ]);
    // Failed by a live worker that saw the session gone, not by the claim after pg-boss's heartbeat expiry.
    expect(recovered.items[0]?.error?.message).toMatch(/database session/);
    await owner.post(`/v1/jobs/${jobId}/cancel`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatchAcceptedResponse, JobListResponse, JobSummary, JobTypeListResponse } from '@jobs/contracts';
import { type ApiClient, mintToken, spawnNode, startStack, type TestStack, uniqueSubject, waitUntil, WORKER_MAIN } from '@jobs/testing';

// Set alike on the API and the workers: two workers of two slots each; a tenant holds one slot of
// diagnostics.sleep while another waits; text.indicators starts at most 3 jobs a second.
const SETTINGS = {
  ENABLE_DIAGNOSTIC_JOBS: 'true',
  JOB_FAIRNESS: 'diagnostics.sleep=owner:0.5',
  JOB_RATE_LIMITS: 'text.indicators=3/second',
};

describe('fair sharing between tenants and rate limits, with real workers', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ workers: 2, apiEnv: SETTINGS, workerEnv: { ...SETTINGS, WORKER_CONCURRENCY: '2' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const tenant = (name: string): ApiClient => stack.client.withToken(mintToken({ sub: uniqueSubject(name) }));

  async function submit(client: ApiClient, jobs: object[]): Promise<string[]> {
    const response = await client.post<BatchAcceptedResponse>('/v1/jobs/batch', { jobs });
    expect(response.status).toBe(202);
    return response.body.jobs.map((job) => job.jobId);
  }

  async function ownJobs(client: ApiClient): Promise<JobSummary[]> {
    return (await client.get<JobListResponse>('/v1/jobs?limit=100')).body.data;
  }

  const startTime = (job: JobSummary): number => Date.parse(job.startedAt ?? '');

  it('lists each type’s fair sharing and rate limit in /v1/job-types', async () => {
    const { data } = (await tenant('reader').get<JobTypeListResponse>('/v1/job-types')).body;
    const settings = Object.fromEntries(data.map((type) => [type.name, { fairness: type.fairness, rateLimit: type.rateLimit }]));
    expect(settings).toEqual({
      'text.indicators': { fairness: { by: 'owner', share: 0.5 }, rateLimit: { limit: 3, per: 'second' } },
      'domain.similar': { fairness: { by: 'owner', share: 0.5 }, rateLimit: null },
      'sample.analyze': { fairness: { by: 'owner', share: 0.5 }, rateLimit: null },
      'diagnostics.sleep': { fairness: { by: 'owner', share: 0.5 }, rateLimit: null },
    });
  });

  it('starts another owner’s few jobs while one owner’s backlog holds every slot', async () => {
    const [busy, other] = [tenant('backlog'), tenant('few')];
    await submit(busy, Array.from({ length: 40 }, () => ({ type: 'diagnostics.sleep', payload: { durationMs: 300, steps: 1 } })));
    // The backlog has the workers' four slots (lent: nobody else wants them yet).
    await waitUntil(() => ownJobs(busy), (jobs) => jobs.filter((job) => job.status === 'PROCESSING').length === 4, { timeoutMs: 30_000 });
    const few = await submit(other, Array.from({ length: 3 }, () => ({ type: 'diagnostics.sleep', payload: { durationMs: 300, steps: 1 } })));
    const done = await waitUntil(
      () => ownJobs(other),
      (jobs) => jobs.length === few.length && jobs.every((job) => job.status === 'COMPLETED'),
      { timeoutMs: 60_000 },
    );
    const lastFew = Math.max(...done.map(startTime));
    const backlogStartedBefore = (await ownJobs(busy)).filter((job) => job.startedAt !== null && startTime(job) < lastFew).length;
    // First come, first served, all 40 would have started first; fairly, B's go in the next freed slots, one at a time.
    expect(backlogStartedBefore).toBeLessThan(25);
  }, 90_000);

  it('starts a rate-limited type no faster than its limit across both workers', async () => {
    const client = tenant('limited');
    await submit(client, Array.from({ length: 12 }, (_, index) => ({ type: 'text.indicators', payload: { text: `host${index}.example.com` } })));
    const done = await waitUntil(
      () => ownJobs(client),
      (jobs) => jobs.length === 12 && jobs.every((job) => job.status === 'COMPLETED'),
      { timeoutMs: 60_000 },
    );
    const starts = done.map(startTime).sort((a, b) => a - b);
    // In any stretch of time: the burst of 3 plus 3 a second, with half a second for a loaded machine.
    for (let from = 0; from < starts.length; from += 1) {
      for (let to = from; to < starts.length; to += 1) {
        expect(to - from + 1).toBeLessThanOrEqual(3 + Math.floor(3 * (((starts[to] ?? 0) - (starts[from] ?? 0)) / 1000 + 0.5)));
      }
    }
  }, 90_000);

  it('refuses to start a worker whose fairness or rate limits are wrong, naming each entry', async () => {
    const worker = spawnNode('worker', WORKER_MAIN, {
      DATABASE_URL: stack.database.url,
      JOB_FAIRNESS: 'nope=owner:0.5',
      JOB_RATE_LIMITS: 'text.indicators=5/hour',
    });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.logs()).toContain('JOB_FAIRNESS: JOB_FAIRNESS entry "nope=owner:0.5" names no job type');
    expect(worker.logs()).toContain('JOB_RATE_LIMITS: JOB_RATE_LIMITS entry "text.indicators=5/hour": the setting must be off or <starts, at least 1>/second|minute (10/second)');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobSummary, JobTypeListResponse, ProblemDetails, ResultResponse } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const REPORT = 'Beacon to hxxps://c2.bad-actor[.]net/gate.php from 203.0.113.7; dropper 44d88612fea8a8f36de82e1278abb02f (CVE-2017-11882).';

describe('submit → queue → worker → result', () => {
  let stack: TestStack;
  let alice: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    alice = stack.client.withToken(mintToken({ sub: uniqueSubject('alice') }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function submit(client: ApiClient, body: Record<string, unknown>): Promise<string> {
    const response = await client.post<JobAcceptedResponse>('/v1/jobs', body);
    expect(response.status).toBe(202);
    return response.body.jobId;
  }

  function completed(client: ApiClient, jobId: string): Promise<JobSummary> {
    return waitUntil(
      async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body,
      (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status),
    ).then((job) => {
      expect(job.status).toBe('COMPLETED');
      return job;
    });
  }

  it('accepts a job with 202, Location and Retry-After, and names where to follow it', async () => {
    const response = await alice.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: REPORT } });

    expect(response.status).toBe(202);
    const { jobId } = response.body;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).toEqual({
      jobId,
      status: 'PENDING',
      statusUrl: `/v1/jobs/${jobId}/status`,
      streamUrl: `/v1/jobs/${jobId}/stream`,
      message: expect.stringContaining(`/v1/jobs/${jobId}/status`),
    });
    expect(response.headers.get('location')).toBe(`/v1/jobs/${jobId}`);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('runs a text.indicators job to COMPLETED and serves its result at all three result routes', async () => {
    const jobId = await submit(alice, {
      type: 'text.indicators',
      payload: { text: REPORT },
      metadata: { ticket: 'IR-42', urgent: true },
      priority: 5,
    });

    const status = await completed(alice, jobId);
    expect(status).not.toHaveProperty('payload');
    expect(status).not.toHaveProperty('result');
    expect(status).toMatchObject({
      id: jobId,
      type: 'text.indicators',
      priority: 5,
      metadata: { ticket: 'IR-42', urgent: true },
      attempts: 1,
      maxAttempts: 3,
      timeoutSeconds: 60,
      resultType: 'indicators',
      error: null,
      progress: { percentage: 100, message: 'found 4 indicators' },
    });
    expect(status.resultId).toMatch(/^[0-9a-f-]{36}$/);
    expect(status.durationMs).toBe(Date.parse(status.finishedAt ?? '') - Date.parse(status.startedAt ?? ''));
    expect(Date.parse(status.createdAt)).toBeLessThanOrEqual(Date.parse(status.startedAt ?? ''));

    const expectedIndicators = [
      { kind: 'ipv4', value: '203.0.113.7', occurrences: 1 },
      { kind: 'url', value: 'https://c2.bad-actor.net/gate.php', occurrences: 1 },
      { kind: 'md5', value: '44d88612fea8a8f36de82e1278abb02f', occurrences: 1 },
      { kind: 'cve', value: 'CVE-2017-11882', occurrences: 1 },
    ];

    const job = await alice.get<JobResponse>(`/v1/jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body.payload).toEqual({ text: REPORT });
    expect(job.body.result).toMatchObject({ total: 4, indicators: expectedIndicators });

    const byJob = await alice.get<ResultResponse>(`/v1/jobs/${jobId}/result`);
    expect(byJob.status).toBe(200);
    expect(byJob.body).toMatchObject({ id: status.resultId, jobId, type: 'indicators', compact: false });
    expect(byJob.body.data).toEqual(job.body.result);

    const byId = await alice.get<ResultResponse>(`/v1/results/${status.resultId}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(byJob.body);

    const producer = await alice.get<JobResponse>(`/v1/results/${status.resultId}/job`);
    expect(producer.status).toBe(200);
    expect(producer.body).toEqual(job.body);
  });

  it('serves the compact form of a result on request', async () => {
    const jobId = await submit(alice, { type: 'text.indicators', payload: { text: 'mail admin@example.org from 198.51.100.1' } });
    const { resultId } = await completed(alice, jobId);

    const compact = await alice.get<ResultResponse>(`/v1/jobs/${jobId}/result?compact=true`);

    expect(compact.status).toBe(200);
    expect(compact.body.compact).toBe(true);
    expect(compact.body.data).toEqual({ total: 2, counts: expect.objectContaining({ email: 1, ipv4: 1, url: 0 }) });
    const byId = await alice.get<ResultResponse>(`/v1/results/${resultId}?compact=1`);
    expect(byId.body.data).toEqual(compact.body.data);
    const bad = await alice.get<ProblemDetails>(`/v1/results/${resultId}?compact=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'compact', message: 'compact must be true or false' }]);
  });

  it('answers 409 JOB_NOT_COMPLETED with the current status while a job has no result', async () => {
    const jobId = await submit(alice, { type: 'text.indicators', payload: { text: '192.0.2.1' }, delaySeconds: 3600 });

    const response = await alice.get<ProblemDetails>(`/v1/jobs/${jobId}/result`);

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 409, code: 'JOB_NOT_COMPLETED', jobStatus: 'PENDING' });
    const status = await alice.get<JobSummary>(`/v1/jobs/${jobId}/status`);
    expect(status.body.status).toBe('PENDING');
    expect(Date.parse(status.body.runAt) - Date.parse(status.body.createdAt)).toBeGreaterThanOrEqual(3_599_000);
  });

  it('lists the registered job types with their payload JSON schema', async () => {
    const response = await alice.get<JobTypeListResponse>('/v1/job-types');

    expect(response.status).toBe(200);
    const names = response.body.data.map((type) => type.name);
    expect(names).toContain('text.indicators');
    expect(names).not.toContain('diagnostics.sleep');
    expect(response.body.data.find((type) => type.name === 'text.indicators')).toEqual({
      name: 'text.indicators',
      description: expect.stringContaining('indicators'),
      payloadSchema: expect.objectContaining({
        type: 'object',
        required: ['text'],
        additionalProperties: false,
        properties: { text: expect.objectContaining({ type: 'string', minLength: 1 }) },
      }),
      resultType: 'indicators',
      defaultTimeoutSeconds: 60,
      defaultMaxAttempts: 3,
      hasCompactResult: true,
      fairness: { by: 'owner', share: 0.5 },
      rateLimit: null,
    });
  });

  it('answers liveness and readiness without a token', async () => {
    expect((await stack.client.get('/health/live')).status).toBe(200);
    const ready = await stack.client.get<{ status: string; details: Record<string, { status: string }> }>('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.details).toEqual({
      database: { status: 'up', responseTime: expect.any(Number) },
      queue: { status: 'up', queues: expect.any(Number), responseTime: expect.any(Number) },
      events: { status: 'up', streams: 0, subscribers: 0 },
    });
  });
});

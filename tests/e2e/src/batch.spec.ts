import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatchAcceptedResponse, JobListResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type pg from 'pg';
import { connect, storedFor } from './support/seed.js';

describe('POST /v1/jobs/batch', () => {
  let stack: TestStack;
  let database: pg.Client;
  const diagnostics = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

  beforeAll(async () => {
    stack = await startStack({ apiEnv: diagnostics, workerEnv: diagnostics });
    database = await connect(stack.database.url);
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const as = (sub: string): ApiClient => stack.client.withToken(mintToken({ sub }));

  it('accepts jobs of several types at once, one entry per job in order, and runs them all', async () => {
    const owner = uniqueSubject('batch');
    const client = as(owner);
    const jobs = [
      { type: 'text.indicators', payload: { text: 'first 192.0.2.1' }, metadata: { n: 0 } },
      { type: 'diagnostics.sleep', payload: { durationMs: 10 }, priority: 3, metadata: { n: 1 } },
      { type: 'text.indicators', payload: { text: 'third evil.example.com' }, metadata: { n: 2 } },
    ];

    const response = await client.post<BatchAcceptedResponse>('/v1/jobs/batch', { jobs });

    expect(response.status).toBe(202);
    expect(response.body.jobs).toHaveLength(3);
    for (const entry of response.body.jobs) {
      expect(entry).toEqual({
        jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'PENDING',
        statusUrl: `/v1/jobs/${entry.jobId}/status`,
        streamUrl: `/v1/jobs/${entry.jobId}/stream`,
        message: expect.any(String),
      });
    }
    expect(await storedFor(database, owner)).toEqual({ jobs: 3, queued: 3 });
    const finished = await Promise.all(
      response.body.jobs.map(({ jobId }) =>
        waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body, (job) => job.status === 'COMPLETED'),
      ),
    );
    expect(finished.map((job) => [job.type, job.metadata['n'], job.priority])).toEqual([
      ['text.indicators', 0, 0],
      ['diagnostics.sleep', 1, 3],
      ['text.indicators', 2, 0],
    ]);
  });

  it('accepts 1000 jobs in one request', async () => {
    const owner = uniqueSubject('thousand');
    const jobs = Array.from({ length: 1000 }, (_, index) => ({ type: 'text.indicators', payload: { text: `host-${index}.example.org` }, delaySeconds: 3600 }));

    const response = await as(owner).post<BatchAcceptedResponse>('/v1/jobs/batch', { jobs });

    expect(response.status).toBe(202);
    expect(new Set(response.body.jobs.map((job) => job.jobId)).size).toBe(1000);
    expect(await storedFor(database, owner)).toEqual({ jobs: 1000, queued: 1000 });
    const listed = await as(owner).get<JobListResponse>('/v1/jobs?limit=1&includeTotal=true');
    expect(listed.body.total).toBe(1000);
  });

  it('validates every job first and accepts none when any is invalid, naming each index and field', async () => {
    const owner = uniqueSubject('invalid');
    const response = await as(owner).post<ProblemDetails>('/v1/jobs/batch', {
      jobs: [
        { type: 'text.indicators', payload: { text: 'fine' } },
        { type: 'text.indicators', payload: { text: 7 } },
        { type: 'video.render', payload: {} },
        { type: 'text.indicators', payload: { text: 'fine' }, priority: 'high' },
      ],
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'jobs[3].priority', message: 'jobs[3].priority must be an integer number' }]);

    const second = await as(owner).post<ProblemDetails>('/v1/jobs/batch', {
      jobs: [
        { type: 'text.indicators', payload: { text: 'fine' } },
        { type: 'text.indicators', payload: { text: 7 } },
        { type: 'video.render', payload: {} },
      ],
    });
    expect(second.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: '2 of 3 jobs are not valid; none was accepted.' });
    expect(second.body.errors).toEqual([
      { field: 'jobs[1].payload.text', message: 'jobs[1].payload.text must be a string' },
      { field: 'jobs[2].type', message: 'type must be one of: text.indicators, domain.similar, sample.analyze, diagnostics.sleep' },
    ]);
    expect(await storedFor(database, owner)).toEqual({ jobs: 0, queued: 0 });
  });

  it('refuses an empty batch, more than 1000 jobs, and a body without a jobs array', async () => {
    const owner = uniqueSubject('limits');
    const tooMany = Array.from({ length: 1001 }, () => ({ type: 'text.indicators', payload: { text: 'x' } }));
    for (const [body, message] of [
      [{ jobs: [] }, 'jobs must contain at least 1 elements'],
      [{ jobs: tooMany }, 'jobs must contain no more than 1000 elements'],
      [{ jobs: 'all of them' }, 'jobs must be an array'],
      [{}, 'jobs must be an array'],
    ] as const) {
      const response = await as(owner).post<ProblemDetails>('/v1/jobs/batch', body);
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.message)).toContain(message);
    }
    expect(await storedFor(database, owner)).toEqual({ jobs: 0, queued: 0 });
  });
});

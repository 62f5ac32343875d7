import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatchAcceptedResponse, JobAcceptedResponse, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type pg from 'pg';
import { connect, storedFor } from './support/seed.js';

describe('Idempotency-Key', () => {
  let stack: TestStack;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    database = await connect(stack.database.url);
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  const as = (sub: string): ApiClient => stack.client.withToken(mintToken({ sub }));
  const body = (text: string) => ({ type: 'text.indicators', payload: { text }, metadata: { source: 'idempotency' } });

  it('answers the same request with the same key with the same job, and makes nothing new', async () => {
    const owner = uniqueSubject('replay');
    const key = `"${randomUUID()}"`;
    const first = await as(owner).post<JobAcceptedResponse>('/v1/jobs', body('a'), { headers: { 'idempotency-key': key } });
    const again = await as(owner).post<JobAcceptedResponse>('/v1/jobs', { metadata: { source: 'idempotency' }, payload: { text: 'a' }, type: 'text.indicators' }, {
      headers: { 'idempotency-key': key },
    });

    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await storedFor(database, owner)).toEqual({ jobs: 1, queued: 1 });
  });

  it('refuses the key with another request as 422 IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    const owner = uniqueSubject('reuse');
    const key = randomUUID();
    await as(owner).post('/v1/jobs', body('original'), { headers: { 'idempotency-key': key } });

    const reused = await as(owner).post<ProblemDetails>('/v1/jobs', body('different'), { headers: { 'idempotency-key': key } });

    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', detail: expect.stringContaining(key) });
    expect(await storedFor(database, owner)).toEqual({ jobs: 1, queued: 1 });
  });

  it('makes exactly one job for 20 concurrent identical requests', async () => {
    const owner = uniqueSubject('concurrent');
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => as(owner).post<JobAcceptedResponse>('/v1/jobs', body('race'), { headers: { 'idempotency-key': key } })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    expect(new Set(responses.map((response) => response.body.jobId)).size).toBe(1);
    expect(responses.filter((response) => response.headers.get('idempotent-replayed') === null).length).toBe(1);
    expect(await storedFor(database, owner)).toEqual({ jobs: 1, queued: 1 });
  });

  it('scopes keys per owner', async () => {
    const key = randomUUID();
    const first = await as(uniqueSubject('one')).post<JobAcceptedResponse>('/v1/jobs', body('x'), { headers: { 'idempotency-key': key } });
    const second = await as(uniqueSubject('two')).post<JobAcceptedResponse>('/v1/jobs', body('x'), { headers: { 'idempotency-key': key } });
    expect(second.body.jobId).not.toBe(first.body.jobId);
  });

  it('works for batches: same batch, same jobs (also under concurrency); another batch, 422', async () => {
    const owner = uniqueSubject('batch');
    const key = randomUUID();
    const batch = { jobs: [body('one'), body('two'), body('three')] };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => as(owner).post<BatchAcceptedResponse>('/v1/jobs/batch', batch, { headers: { 'idempotency-key': key } })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(202));
    const ids = responses.map((response) => response.body.jobs.map((job) => job.jobId).join());
    expect(new Set(ids).size).toBe(1);
    expect(await storedFor(database, owner)).toEqual({ jobs: 3, queued: 3 });

    const shorter = await as(owner).post<ProblemDetails>('/v1/jobs/batch', { jobs: [body('one')] }, { headers: { 'idempotency-key': key } });
    expect(shorter.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await storedFor(database, owner)).toEqual({ jobs: 3, queued: 3 });
  });

  it('refuses a malformed key', async () => {
    const response = await as(uniqueSubject('malformed')).post<ProblemDetails>('/v1/jobs', body('x'), { headers: { 'idempotency-key': 'has spaces in it' } });
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'Idempotency-Key' }] });
  });
});

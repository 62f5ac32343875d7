import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isJobsApiError, JobsApiError, JobsClient, JobsWaitTimeoutError } from '@jobs/client';
import { ErrorCode, type IndicatorsResult, type JobStreamEvent } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject, validatingFetch } from '@jobs/testing';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe('@jobs/client against the running API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: { ...DIAGNOSTICS, SSE_PING_SECONDS: '1' }, workerEnv: DIAGNOSTICS });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const clientFor = (sub = uniqueSubject('sdk'), roles: string[] = []): JobsClient =>
    // Every response the SDK receives is checked against the API's OpenAPI document as well.
    new JobsClient({ baseUrl: `${stack.api.url}/`, token: () => mintToken({ sub, roles }), fetch: validatingFetch });

  it('submits, waits for completion and reads the result three ways', async () => {
    const client = clientFor();
    const accepted = await client.submit({ type: 'text.indicators', payload: { text: 'beacon to hxxp://bad[.]example/x from 198.51.100.7' } });
    expect(accepted).toMatchObject({ status: 'PENDING', statusUrl: `/v1/jobs/${accepted.jobId}/status` });

    const seen: string[] = [];
    const done = await client.waitFor(accepted.jobId, { onUpdate: (job) => seen.push(job.status) });
    expect(done.status).toBe('COMPLETED');
    expect(seen.at(-1)).toBe('COMPLETED');

    const result = await client.result(accepted.jobId);
    const data = result.data as IndicatorsResult;
    expect(data.indicators.map((indicator) => indicator.value)).toEqual(expect.arrayContaining(['198.51.100.7', 'http://bad.example/x']));
    expect((await client.resultById(result.id, { compact: true })).compact).toBe(true);
    expect((await client.get(accepted.jobId)).result).toEqual(result.data);
  });

  it('iterates every page of a listing by cursor', async () => {
    const client = clientFor();
    const batch = await client.submitBatch(
      Array.from({ length: 120 }, (_, index) => ({ type: 'text.indicators', payload: { text: `10.1.0.${index}` }, delaySeconds: 3600, metadata: { index } })),
    );
    expect(batch.jobs).toHaveLength(120);
    const listed: string[] = [];
    for await (const job of client.list({ limit: 50, status: ['PENDING'] })) listed.push(job.id);
    expect(listed).toHaveLength(120);
    expect(new Set(listed)).toEqual(new Set(batch.jobs.map((job) => job.jobId)));
    const stats = await client.stats({ refresh: true });
    expect(stats.byStatus.PENDING).toBe(120);
  });

  it('streams typed events until the result', async () => {
    const client = clientFor();
    const { jobId } = await client.submit({ type: 'diagnostics.sleep', payload: { durationMs: 1200, steps: 4 } });
    const events: JobStreamEvent[] = [];
    for await (const event of client.stream(jobId)) events.push(event);
    const names = events.map((event) => event.event).filter((name) => name !== 'ping');
    expect(names[0]).toBe('status');
    expect(names).toContain('progress');
    expect(names.at(-1)).toBe('result');
    const last = events.at(-1);
    expect(last?.event === 'result' && last.data.status).toBe('COMPLETED');
  });

  it('cancels, refuses a second cancel with a typed error, retries and deletes', async () => {
    const client = clientFor();
    const { jobId } = await client.submit({ type: 'diagnostics.sleep', payload: { durationMs: 60_000 }, delaySeconds: 3600 });
    expect((await client.cancel(jobId)).status).toBe('CANCELLED');

    const again = await client.cancel(jobId).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(JobsApiError);
    expect(isJobsApiError(again, ErrorCode.JOB_ALREADY_FINISHED)).toBe(true);
    expect((again as JobsApiError).status).toBe(409);

    expect((await client.retry(jobId)).jobId).toBe(jobId);
    expect((await client.status(jobId)).status).toBe('PENDING');
    expect(await client.delete(jobId)).toEqual({ deleted: 1 });
    await expect(client.get(jobId)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND, status: 404 });
  });

  it('reports validation problems with their fields', async () => {
    const error = await clientFor().submit({ type: 'text.indicators', payload: {} }).catch((caught: unknown) => caught);
    expect(isJobsApiError(error, ErrorCode.VALIDATION_FAILED)).toBe(true);
    expect((error as JobsApiError).errors.map((field) => field.field)).toContain('payload.text');
    await expect(new JobsClient({ baseUrl: stack.api.url, token: 'not-a-token', fetch: validatingFetch }).status(crypto.randomUUID())).rejects.toMatchObject({ code: ErrorCode.UNAUTHORIZED });
  });

  it('stops waiting on its deadline or when aborted, leaving the job running', async () => {
    const client = clientFor();
    const { jobId } = await client.submit({ type: 'diagnostics.sleep', payload: { durationMs: 30_000 }, delaySeconds: 3600 });
    const late = await client.waitFor(jobId, { timeoutMs: 1500 }).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(JobsWaitTimeoutError);
    expect((late as JobsWaitTimeoutError).lastStatus?.status).toBe('PENDING');
    await expect(client.waitFor(jobId, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: expect.stringMatching(/AbortError|TimeoutError/) });
    expect((await client.status(jobId)).status).toBe('PENDING');
  });

  it('lets admins bulk delete by date, dry run first', async () => {
    const owner = uniqueSubject('purged');
    await clientFor(owner).submit({ type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 });
    const admin = clientFor(uniqueSubject('admin'), ['admin']);
    const query = { createdBefore: new Date(Date.now() + 60_000), ownerId: owner, includeActive: true };
    expect(await admin.adminBulkDelete({ ...query, dryRun: true })).toEqual({ deleted: 1, dryRun: true });
    expect(await admin.adminBulkDelete(query)).toEqual({ deleted: 1, dryRun: false });
    await expect(clientFor().adminBulkDelete(query)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});

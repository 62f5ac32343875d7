import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, ErrorCode, JobErrorCode } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { toJobAttempt } from '../records/presenters.js';
import { type JobDomain, ADMIN, newViewer, openJobDomain } from '../testing/job-domain.js';
import { type HeldAttempt, attemptOn, completeAttempt, endRetryBackoffs, failAttempt, fetchAndClaim, lapseAttempt } from '../testing/worker-steps.js';
import { JobFailure } from './job-failure.js';

describe('attempts', () => {
  let domain: JobDomain;
  const owner = newViewer();
  const worker = randomUUID();

  beforeAll(async () => {
    // `api`: no pg-boss maintenance changes entries behind the tests' backs.
    domain = await openJobDomain('api');
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function submit(extra: Partial<CreateJobRequest> = {}): Promise<string> {
    return (await domain.submission.submit(owner, { type: BENCH_NOOP.name, payload: {}, ...extra })).jobs[0]?.id ?? '';
  }

  async function claim(id: string): Promise<HeldAttempt> {
    return attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name, worker), id);
  }

  const attemptsOf = async (id: string) => (await domain.reads.attempts(owner, id)).map(toJobAttempt);

  it('opens an attempt on the claim, with its worker, and closes it COMPLETED with the completion', async () => {
    const id = await submit();
    expect(await attemptsOf(id)).toEqual([]);
    const held = await claim(id);
    expect(await attemptsOf(id)).toEqual([expect.objectContaining({ number: 1, run: 1, outcome: null, finishedAt: null, durationMs: null, error: null })]);
    const [open] = await domain.reads.attempts(owner, id);
    expect(open?.workerId).toBe(worker);
    expect(await completeAttempt(domain.prisma, held)).toEqual([id]);
    const [done] = await attemptsOf(id);
    expect(done).toMatchObject({ number: 1, outcome: 'COMPLETED', error: null });
    expect(done?.finishedAt).not.toBeNull();
    expect(done?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('records a failure followed by a retry as RETRIED, and the last as FAILED, each with its error', async () => {
    const id = await submit({ maxAttempts: 2 });
    await failAttempt(domain, await claim(id), new JobFailure('Boom', 'first'));
    await endRetryBackoffs(domain.prisma);
    await failAttempt(domain, await claim(id), new JobFailure('Bang', 'second'));
    expect(await attemptsOf(id)).toEqual([
      expect.objectContaining({ number: 1, outcome: 'RETRIED', error: { code: 'Boom', message: 'first' } }),
      expect.objectContaining({ number: 2, outcome: 'FAILED', error: { code: 'Bang', message: 'second' } }),
    ]);
  });

  it('records a timeout as TIMED_OUT', async () => {
    const id = await submit({ maxAttempts: 1 });
    await failAttempt(domain, await claim(id), JobFailure.timeout(1));
    expect(await attemptsOf(id)).toEqual([expect.objectContaining({ outcome: 'TIMED_OUT', error: expect.objectContaining({ code: JobErrorCode.TIMEOUT }) })]);
  });

  it('closes a running attempt as CANCELLED with the cancellation; a pending job has none to close', async () => {
    const running = await submit();
    await claim(running);
    const pending = await submit({ runAt: new Date(Date.now() + 3_600_000).toISOString() });
    await domain.control.cancel(owner, running);
    await domain.control.cancel(owner, pending);
    expect(await attemptsOf(running)).toEqual([expect.objectContaining({ number: 1, outcome: 'CANCELLED' })]);
    expect(await attemptsOf(pending)).toEqual([]);
  });

  it('closes an attempt whose entry lapsed as LOST when the next claim takes over, and fences the stale attempt out', async () => {
    const id = await submit({ maxAttempts: 2 });
    const stale = await claim(id);
    await lapseAttempt(domain, stale);
    await endRetryBackoffs(domain.prisma);
    const second = await claim(id);
    expect(second.row.attempt).toBe(2);
    // The first worker finishes late: neither the job nor its attempt record changes.
    expect(await completeAttempt(domain.prisma, stale)).toEqual([]);
    expect(await failAttempt(domain, stale, new JobFailure('Late', 'too late'))).toEqual([]);
    expect(await attemptsOf(id)).toEqual([
      expect.objectContaining({ number: 1, outcome: 'LOST', error: expect.objectContaining({ code: JobErrorCode.WORKER_LOST }) }),
      expect.objectContaining({ number: 2, outcome: null }),
    ]);
    await completeAttempt(domain.prisma, second);
    expect((await attemptsOf(id)).map((attempt) => attempt.outcome)).toEqual(['LOST', 'COMPLETED']);
  });

  it('closes the last attempt as LOST when its worker was lost and the job is reconciled', async () => {
    const id = await submit({ maxAttempts: 1 });
    await lapseAttempt(domain, await claim(id));
    await domain.withExecution(async (execution) => {
      expect(await execution.reconcileLostJobs()).toBe(1);
    });
    expect(await attemptsOf(id)).toEqual([expect.objectContaining({ outcome: 'LOST', error: expect.objectContaining({ code: JobErrorCode.WORKER_LOST }) })]);
  });

  it('numbers the attempts of a manual retry as a new run', async () => {
    const id = await submit({ maxAttempts: 1 });
    await failAttempt(domain, await claim(id), new JobFailure('Boom', 'first run'));
    await domain.control.retry(owner, id);
    await completeAttempt(domain.prisma, await claim(id));
    expect((await attemptsOf(id)).map(({ run, number, outcome }) => ({ run, number, outcome }))).toEqual([
      { run: 1, number: 1, outcome: 'FAILED' },
      { run: 2, number: 1, outcome: 'COMPLETED' },
    ]);
  });

  it('shows attempts exactly to those who may see the job, and removes them with it', async () => {
    const id = await submit();
    await completeAttempt(domain.prisma, await claim(id));
    await expect(domain.reads.attempts(newViewer(), id)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
    expect(await domain.reads.attempts(ADMIN, id)).toHaveLength(1);
    await domain.control.delete(owner, id);
    const [left] = await domain.prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM job_attempts WHERE job_id = ${id}::uuid`;
    expect(left?.count).toBe(0);
    await expect(domain.reads.attempts(owner, id)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
  });
});

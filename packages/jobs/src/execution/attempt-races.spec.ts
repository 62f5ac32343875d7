import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, ErrorCode } from '@jobs/contracts';
import { Prisma } from '@jobs/database';
import { BENCH_NOOP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import { cancelJobs } from '../control/cancel-jobs.js';
import { deleteJobs } from '../control/delete-jobs.js';
import { lockJob } from '../control/lock-job.js';
import { retryJobs } from '../control/retry-jobs.js';
import { queueEntryFor } from '../queue/queue-entry.js';
import { jobEntries, lockWaiters, resultsOf, storedJob } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { OpenTransaction } from '../testing/open-transaction.js';
import { ScriptedRunner } from '../testing/scripted-runner.js';
import {
  type HeldAttempt,
  attemptOn,
  completeAttempt,
  endRetryBackoffs,
  failAttempt,
  fetchAndClaim,
  lapseAttempt,
  reportAttemptProgress,
} from '../testing/worker-steps.js';
import { JobFailure } from './job-failure.js';

/**
 * Each race is set up deterministically: the operation that is to commit first runs its statements
 * in a transaction the test holds open, the other is started and seen waiting for its locks, then
 * the first commits.
 */
describe('races between attempts and control', () => {
  let domain: JobDomain;
  const owner = newViewer();
  const whole = { kind: 'all' } as const;
  const byId = (id: string) => Prisma.sql`id = ${id}::uuid`;

  beforeAll(async () => {
    // `api`: no pg-boss maintenance changes entries behind the tests' backs.
    domain = await openJobDomain('api');
  });

  afterEach(async () => {
    await domain.control.purge({ scope: whole });
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function submit(extra: Partial<CreateJobRequest> = {}): Promise<string> {
    return (await domain.submission.submit(owner, { type: BENCH_NOOP.name, payload: {}, ...extra })).jobs[0]?.id ?? '';
  }

  async function running(extra: Partial<CreateJobRequest> = {}): Promise<HeldAttempt> {
    const id = await submit(extra);
    return attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id);
  }

  /** Resolves once a statement is waiting for a lock the held transaction has. */
  const blocked = () => waitUntil(() => lockWaiters(domain.prisma), (waiting) => waiting > 0);

  describe('cancel and complete', () => {
    it('a cancel that commits first wins: the completion changes nothing and stores no result', async () => {
      const attempt = await running();
      const cancel = OpenTransaction.begin(domain.prisma);
      expect(await cancel.run((tx) => cancelJobs(tx, byId(attempt.row.id)))).toHaveLength(1);
      await cancel.run((tx) => domain.queue.cancel(tx, BENCH_NOOP.name, [attempt.entry.id]));
      const completion = completeAttempt(domain.prisma, attempt);
      await blocked();
      await cancel.commit();
      expect(await completion).toEqual([]);
      expect(await storedJob(domain.prisma, attempt.row.id)).toMatchObject({ status: 'CANCELLED', results: 0 });
      expect(await jobEntries(domain.prisma, attempt.row.id)).toEqual([expect.objectContaining({ state: 'cancelled' })]);
    });

    it('a completion that commits first wins: the cancel finds the job finished', async () => {
      const attempt = await running();
      const completion = OpenTransaction.begin(domain.prisma);
      expect(await completion.run((tx) => completeAttempt(tx, attempt))).toEqual([attempt.row.id]);
      const cancel = domain.control.cancel(owner, attempt.row.id);
      await blocked();
      await completion.commit();
      await expect(cancel).rejects.toMatchObject({ code: ErrorCode.JOB_ALREADY_FINISHED, extras: { extensions: { jobStatus: 'COMPLETED' } } });
      expect(await storedJob(domain.prisma, attempt.row.id)).toMatchObject({ status: 'COMPLETED', results: 1 });
      expect(await jobEntries(domain.prisma, attempt.row.id)).toEqual([expect.objectContaining({ state: 'completed' })]);
    });
  });

  describe('double delivery of one queue entry', () => {
    /** The job's entry lapses under its first attempt and is delivered again: both attempts are held. */
    async function deliveredTwice(): Promise<[HeldAttempt, HeldAttempt]> {
      const first = await running({ maxAttempts: 3 });
      await lapseAttempt(domain, first);
      await endRetryBackoffs(domain.prisma);
      const second = attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), first.row.id);
      expect(second.entry).toMatchObject({ id: first.entry.id, retryCount: first.entry.retryCount + 1 });
      expect(second.row.attempt).toBe(2);
      return [first, second];
    }

    it('fences the first attempt out once the second claimed the job: its completion and failure change nothing', async () => {
      const [first, second] = await deliveredTwice();
      expect(await completeAttempt(domain.prisma, first, { from: 'first' })).toEqual([]);
      expect(await failAttempt(domain, first, new JobFailure('Late', 'the first attempt failed late'))).toEqual([]);
      expect(await storedJob(domain.prisma, first.row.id)).toMatchObject({ status: 'PROCESSING', attempts: 2, errorCode: null, results: 0 });
      expect(await jobEntries(domain.prisma, first.row.id)).toEqual([expect.objectContaining({ state: 'active', retryCount: 1 })]);
      expect(await completeAttempt(domain.prisma, second, { from: 'second' })).toEqual([second.row.id]);
      expect((await domain.reads.findResult(owner, second.row.id)).data).toEqual({ from: 'second' });
    });

    it("stores one result, the second attempt's, when both complete at once", async () => {
      const [first, second] = await deliveredTwice();
      const [late, current] = await Promise.all([completeAttempt(domain.prisma, first, { from: 'first' }), completeAttempt(domain.prisma, second, { from: 'second' })]);
      expect(late).toEqual([]);
      expect(current).toEqual([second.row.id]);
      expect(await storedJob(domain.prisma, second.row.id)).toMatchObject({ status: 'COMPLETED', attempts: 2, results: 1 });
      expect((await domain.reads.findResult(owner, second.row.id)).data).toEqual({ from: 'second' });
    });
  });

  describe('retry and cancel', () => {
    it('a retry waiting behind the cancel of its running job runs the job again, under one new entry', async () => {
      const attempt = await running();
      const id = attempt.row.id;
      const cancel = OpenTransaction.begin(domain.prisma);
      await cancel.run((tx) => lockJob(tx, whole, id));
      await cancel.run((tx) => cancelJobs(tx, byId(id)));
      await cancel.run((tx) => domain.queue.cancel(tx, BENCH_NOOP.name, [attempt.entry.id]));
      const retry = domain.control.retry(owner, id);
      await blocked();
      await cancel.commit();
      const retried = await retry;
      expect(retried).toMatchObject({ id, status: 'PENDING', attempts: 0 });
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ id: retried.queueJobId, state: 'created' })]);
      expect(await completeAttempt(domain.prisma, attempt)).toEqual([]);
    });

    it('a cancel waiting behind the retry of a failed job cancels the retried job and its new entry', async () => {
      const attempt = await running();
      const id = attempt.row.id;
      await failAttempt(domain, attempt, new JobFailure('Boom', 'no'));
      const retry = OpenTransaction.begin(domain.prisma);
      await retry.run((tx) => lockJob(tx, whole, id));
      const [pending] = await retry.run((tx) => retryJobs(tx, Prisma.sql`id = ${id}::uuid`));
      if (!pending) throw new Error('the failed job was not retried');
      await retry.run((tx) => domain.queue.remove(tx, BENCH_NOOP.name, [attempt.entry.id]));
      const newEntry = await domain.queue.insertSql(BENCH_NOOP.name, [queueEntryFor(pending, BENCH_NOOP)]);
      await retry.run((tx) => tx.$executeRaw(newEntry));
      const cancel = domain.control.cancel(owner, id);
      await blocked();
      await retry.commit();
      expect(await cancel).toMatchObject({ id, status: 'CANCELLED', previousStatus: 'PENDING', attempts: 0 });
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ id: pending.queueJobId, state: 'cancelled' })]);
    });
  });

  describe('an attempt from before a retry', () => {
    it("cannot touch the job's next run, though that run's attempt has the same number", async () => {
      const first = await running();
      const id = first.row.id;
      await domain.control.cancel(owner, id);
      await domain.control.retry(owner, id);
      const second = attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id);
      expect(second.row.attempt).toBe(first.row.attempt);
      await reportAttemptProgress(domain.prisma, first, 50);
      expect(await completeAttempt(domain.prisma, first)).toEqual([]);
      expect(await failAttempt(domain, first, JobFailure.invalidPayload('stale'))).toEqual([]);
      expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'PROCESSING', attempts: 1, progressCurrent: null, errorCode: null, results: 0 });
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ id: second.entry.id, state: 'active' })]);
      expect(await completeAttempt(domain.prisma, second)).toEqual([id]);
    });
  });

  describe('purge and a running job', () => {
    it('leaves nothing for the handler to write once the purge removed its job', async () => {
      const attempt = await running();
      const id = attempt.row.id;
      expect(await domain.control.purge({ scope: { kind: 'owner', ownerId: owner.sub } })).toBe(1);
      expect(await completeAttempt(domain.prisma, attempt)).toEqual([]);
      expect(await failAttempt(domain, attempt, new JobFailure('Late', 'no'))).toEqual([]);
      expect(await storedJob(domain.prisma, id)).toBeNull();
      expect(await resultsOf(domain.prisma, id)).toBe(0);
      expect(await jobEntries(domain.prisma, id)).toEqual([]);
    });

    it('deletes a job whose completion committed while the purge waited, with its result', async () => {
      const attempt = await running();
      const id = attempt.row.id;
      const completion = OpenTransaction.begin(domain.prisma);
      await completion.run((tx) => completeAttempt(tx, attempt));
      const purge = domain.control.purge({ scope: { kind: 'owner', ownerId: owner.sub } });
      await blocked();
      await completion.commit();
      expect(await purge).toBe(1);
      expect(await resultsOf(domain.prisma, id)).toBe(0);
      expect(await jobEntries(domain.prisma, id)).toEqual([]);
    });
  });

  describe('claims the job no longer wants', () => {
    it('runs nothing when the job was deleted while its claim waited', async () => {
      const id = await submit();
      const deletion = OpenTransaction.begin(domain.prisma);
      await deletion.run((tx) => lockJob(tx, whole, id));
      const runner = new ScriptedRunner(async () => ({ status: 'completed', data: {} }));
      await domain.withExecution(async (execution) => {
        execution.work(BENCH_NOOP.name, { concurrency: 1, pollIntervalSeconds: 0.2 }, runner);
        // The worker fetched the entry and its claim waits for the row.
        await blocked();
        await deletion.run((tx) => deleteJobs(tx, byId(id), 1));
        await deletion.commit();
      });
      expect(runner.started).toEqual([]);
      expect(await storedJob(domain.prisma, id)).toBeNull();
      expect(await jobEntries(domain.prisma, id)).toEqual([]);
    });

    it('acknowledges a redelivered entry of a job that completed meanwhile, without running it', async () => {
      const attempt = await running({ maxAttempts: 2 });
      const id = attempt.row.id;
      // The entry lapses, but nobody claimed the job again: its attempt still completes it.
      await lapseAttempt(domain, attempt);
      expect(await completeAttempt(domain.prisma, attempt)).toEqual([id]);
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'retry' })]);
      await endRetryBackoffs(domain.prisma);
      const runner = new ScriptedRunner(async () => ({ status: 'completed', data: {} }));
      await domain.withExecution(async (execution) => {
        execution.work(BENCH_NOOP.name, { concurrency: 1, pollIntervalSeconds: 0.2 }, runner);
        await waitUntil(() => jobEntries(domain.prisma, id), ([entry]) => entry?.state === 'completed');
      });
      expect(runner.started).toEqual([]);
      expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'COMPLETED', attempts: 1, results: 1 });
    });
  });
});

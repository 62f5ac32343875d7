import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, ErrorCode } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import { JobFailure } from '../execution/job-failure.js';
import { jobEntries, storedJob, webhookEntries } from '../testing/database-probes.js';
import { ADMIN, type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { NotificationRecorder } from '../testing/notification-recorder.js';
import { type HeldAttempt, attemptOn, completeAttempt, failAttempt, fetchAndClaim } from '../testing/worker-steps.js';
import type { Viewer } from '../viewer.js';
import { DELETE_BATCH_SIZE } from './job-control.service.js';

describe('JobControl', () => {
  let domain: JobDomain;
  let recorder: NotificationRecorder;

  beforeAll(async () => {
    domain = await openJobDomain('api');
    recorder = await NotificationRecorder.start(domain.database.url);
  });

  // Every test claims what is runnable in the queue: none may leave a job behind for the next.
  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await recorder?.stop();
    await domain?.close();
  });

  const noop = (extra: Partial<CreateJobRequest> = {}): CreateJobRequest => ({ type: BENCH_NOOP.name, payload: {}, ...extra });

  async function submit(viewer: Viewer, extra: Partial<CreateJobRequest> = {}): Promise<string> {
    return (await domain.submission.submit(viewer, noop(extra))).jobs[0]?.id ?? '';
  }

  /** Submits a job and claims it, as a worker would: it is PROCESSING under the returned attempt. */
  async function running(viewer: Viewer, extra: Partial<CreateJobRequest> = {}): Promise<HeldAttempt> {
    const id = await submit(viewer, extra);
    return attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id);
  }

  const heardCancelled = (id: string) => waitUntil(async () => recorder.cancelledIds(), (ids) => ids.includes(id));

  describe('cancel', () => {
    it('cancels a pending job with its queue entry; a second cancel finds it finished', async () => {
      const owner = newViewer();
      const id = await submit(owner);
      expect(await domain.control.cancel(owner, id)).toMatchObject({ id, status: 'CANCELLED', previousStatus: 'PENDING' });
      expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'CANCELLED', results: 0 });
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'cancelled' })]);
      await expect(domain.control.cancel(owner, id)).rejects.toMatchObject({ code: ErrorCode.JOB_ALREADY_FINISHED, extras: { extensions: { jobStatus: 'CANCELLED' } } });
    });

    it("tells a running job's worker on job_cancellations, and only a running job's", async () => {
      const owner = newViewer();
      const pending = await submit(owner);
      await domain.control.cancel(owner, pending);
      const attempt = await running(owner);
      expect(await domain.control.cancel(owner, attempt.row.id)).toMatchObject({ status: 'CANCELLED', previousStatus: 'PROCESSING' });
      expect(await jobEntries(domain.prisma, attempt.row.id)).toEqual([expect.objectContaining({ state: 'cancelled' })]);
      await heardCancelled(attempt.row.id);
      // Notifications arrive in commit order: the pending job's cancellation would have come first.
      expect(recorder.cancelledIds()).not.toContain(pending);
    });

    it('queues exactly one webhook delivery for a cancelled job with a webhook, none without', async () => {
      const owner = newViewer();
      const hooked = await submit(owner, { webhook: { url: 'https://hooks.example.com/jobs', secret: 'shh' } });
      const plain = await submit(owner);
      await domain.control.cancel(owner, hooked);
      await domain.control.cancel(owner, plain);
      expect(await webhookEntries(domain.prisma, hooked)).toHaveLength(1);
      expect(await webhookEntries(domain.prisma, plain)).toHaveLength(0);
    });
  });

  describe('who may change a job', () => {
    it('lets the owner and admins change it; an organisation member only looks, a stranger does not see it', async () => {
      const org = `org-${randomUUID()}`;
      const [owner, member, stranger] = [newViewer(org), newViewer(org), newViewer()];
      const id = await submit(owner);
      for (const change of [() => domain.control.cancel(member, id), () => domain.control.retry(member, id), () => domain.control.delete(member, id)]) {
        await expect(change()).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
      }
      for (const change of [() => domain.control.cancel(stranger, id), () => domain.control.retry(stranger, id), () => domain.control.delete(stranger, id)]) {
        await expect(change()).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
      }
      expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'PENDING' });
      await domain.control.cancel(ADMIN, id);
      await domain.control.retry(ADMIN, id);
      await domain.control.delete(ADMIN, id);
      expect(await storedJob(domain.prisma, id)).toBeNull();
    });
  });

  describe('retry', () => {
    it('runs a failed job again under the same id: attempts reset, the old entry gone, one new entry', async () => {
      const owner = newViewer();
      const first = await running(owner, { maxAttempts: 1 });
      const id = first.row.id;
      await failAttempt(domain, first, new JobFailure('Boom', 'handler failed'));
      expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'FAILED', attempts: 1, errorCode: 'Boom' });

      const retried = await domain.control.retry(owner, id);
      expect(retried).toMatchObject({ id, status: 'PENDING', attempts: 0, errorCode: null, finishedAt: null });
      expect(retried.queueJobId).not.toBe(first.entry.id);
      expect(await jobEntries(domain.prisma, id)).toEqual([{ id: retried.queueJobId, queue: BENCH_NOOP.name, state: 'created', retryCount: 0 }]);

      const second = attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id);
      expect(second.row.attempt).toBe(1);
      expect(await completeAttempt(domain.prisma, second)).toEqual([id]);
      expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'COMPLETED', attempts: 1, results: 1 });
    });

    it('runs a cancelled job again, and refuses jobs that are not failed or cancelled', async () => {
      const owner = newViewer();
      const id = await submit(owner);
      await expect(domain.control.retry(owner, id)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_RETRYABLE, extras: { extensions: { jobStatus: 'PENDING' } } });
      await domain.control.cancel(owner, id);
      expect(await domain.control.retry(owner, id)).toMatchObject({ id, status: 'PENDING' });
      const attempt = attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id);
      await expect(domain.control.retry(owner, id)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_RETRYABLE, extras: { extensions: { jobStatus: 'PROCESSING' } } });
      await completeAttempt(domain.prisma, attempt);
      await expect(domain.control.retry(owner, id)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_RETRYABLE, extras: { extensions: { jobStatus: 'COMPLETED' } } });
      await expect(domain.control.retry(owner, randomUUID())).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
    });
  });

  describe('delete', () => {
    it('deletes a job with its result and queue entry', async () => {
      const owner = newViewer();
      const attempt = await running(owner);
      await completeAttempt(domain.prisma, attempt);
      const { id: resultId } = await domain.reads.findResult(owner, attempt.row.id);
      await domain.control.delete(owner, attempt.row.id);
      await expect(domain.reads.findVisible(owner, attempt.row.id)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
      await expect(domain.reads.findVisibleResult(ADMIN, resultId)).rejects.toMatchObject({ code: ErrorCode.RESULT_NOT_FOUND });
      expect(await jobEntries(domain.prisma, attempt.row.id)).toEqual([]);
    });

    it('cancels a running job before deleting it, so its worker is told', async () => {
      const owner = newViewer();
      const attempt = await running(owner);
      await domain.control.delete(owner, attempt.row.id);
      expect(await storedJob(domain.prisma, attempt.row.id)).toBeNull();
      expect(await jobEntries(domain.prisma, attempt.row.id)).toEqual([]);
      await heardCancelled(attempt.row.id);
    });
  });

  describe('purge', () => {
    it("deletes the owner's jobs matching the filters, and nobody else's", async () => {
      const [owner, other] = [newViewer(), newViewer()];
      const failing = await running(owner, { maxAttempts: 1 });
      await failAttempt(domain, failing, new JobFailure('Boom', 'no'));
      const completing = await running(owner);
      await completeAttempt(domain.prisma, completing);
      const pending = await submit(owner);
      const othersCancelled = await submit(other);
      await domain.control.cancel(other, othersCancelled);

      const filters = { scope: { kind: 'owner', ownerId: owner.sub } as const, statuses: ['FAILED', 'COMPLETED', 'CANCELLED'] as const };
      const finished = { ...filters, statuses: [...filters.statuses] };
      expect(await domain.reads.count(finished)).toBe(2);
      expect(await domain.control.purge(finished)).toBe(2);
      for (const id of [failing.row.id, completing.row.id]) {
        expect(await storedJob(domain.prisma, id)).toBeNull();
        expect(await jobEntries(domain.prisma, id)).toEqual([]);
      }
      expect(await storedJob(domain.prisma, pending)).toMatchObject({ status: 'PENDING' });
      expect(await storedJob(domain.prisma, othersCancelled)).toMatchObject({ status: 'CANCELLED' });
    });

    it('cancels the running jobs it deletes, with or without a status filter, so their workers are told', async () => {
      const owner = newViewer();
      const filtered = await running(owner);
      expect(await domain.control.purge({ scope: { kind: 'owner', ownerId: owner.sub }, statuses: ['PROCESSING'] })).toBe(1);
      await heardCancelled(filtered.row.id);

      const unfiltered = await running(owner);
      const pending = await submit(owner);
      expect(await domain.control.purge({ scope: { kind: 'owner', ownerId: owner.sub } })).toBe(2);
      for (const id of [unfiltered.row.id, pending]) expect(await jobEntries(domain.prisma, id)).toEqual([]);
      await heardCancelled(unfiltered.row.id);
    });

    it('cancels and deletes every running job it covers when they are more than one batch holds', async () => {
      const owner = newViewer();
      const count = DELETE_BATCH_SIZE + 500;
      for (let submitted = 0; submitted < count; submitted += 500) {
        await domain.submission.submitBatch(owner, Array.from({ length: 500 }, () => ({ type: BENCH_NOOP.name, payload: {} })));
      }
      const claimed: HeldAttempt[] = [];
      for (let batch = await fetchAndClaim(domain, BENCH_NOOP.name); batch.length > 0; batch = await fetchAndClaim(domain, BENCH_NOOP.name)) claimed.push(...batch);
      expect(claimed.length).toBe(count);

      expect(await domain.control.purge({ scope: { kind: 'owner', ownerId: owner.sub } })).toBe(count);
      expect(await domain.reads.count({ scope: { kind: 'owner', ownerId: owner.sub } })).toBe(0);
      for (const attempt of [claimed[0], claimed.at(-1)]) {
        if (!attempt) throw new Error('no attempt');
        expect(await jobEntries(domain.prisma, attempt.row.id)).toEqual([]);
        await heardCancelled(attempt.row.id);
      }
    });
  });
});

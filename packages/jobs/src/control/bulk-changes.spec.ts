import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, JobStatus } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import { JobFailure } from '../execution/job-failure.js';
import type { JobFilters } from '../reads/job-filters.js';
import { jobEntries, lockWaiters, storedJob, webhookEntries } from '../testing/database-probes.js';
import { ADMIN, type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { NotificationRecorder } from '../testing/notification-recorder.js';
import { OpenTransaction } from '../testing/open-transaction.js';
import { attemptOn, completeAttempt, failAttempt, fetchAndClaim } from '../testing/worker-steps.js';
import type { Viewer } from '../viewer.js';

/** Small batches, so a handful of jobs spans several transactions. */
const BATCH_SIZE = 2;

describe('JobControl: retry and cancel by filter', () => {
  let domain: JobDomain;
  let recorder: NotificationRecorder;

  beforeAll(async () => {
    domain = await openJobDomain('api', { bulkBatchSize: BATCH_SIZE });
    recorder = await NotificationRecorder.start(domain.database.url);
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await recorder?.stop();
    await domain?.close();
  });

  async function submit(viewer: Viewer, extra: Partial<CreateJobRequest> = {}): Promise<string> {
    return (await domain.submission.submit(viewer, { type: BENCH_NOOP.name, payload: {}, ...extra })).jobs[0]?.id ?? '';
  }

  /** A job of the viewer's that ran once and failed with `code` for good. */
  async function failed(viewer: Viewer, code: string): Promise<string> {
    const id = await submit(viewer, { maxAttempts: 1 });
    await failAttempt(domain, attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id), new JobFailure(code, `failed with ${code}`));
    return id;
  }

  async function completed(viewer: Viewer): Promise<string> {
    const id = await submit(viewer);
    await completeAttempt(domain.prisma, attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), id));
    return id;
  }

  const own = (viewer: Viewer, extra: Omit<JobFilters, 'scope'> = {}): JobFilters => ({ scope: { kind: 'member', sub: viewer.sub, org: viewer.org }, ...extra });
  const statusOf = async (id: string) => (await storedJob(domain.prisma, id))?.status;

  describe('retryMatching', () => {
    it("retries only the caller's jobs that match, and counts the matching jobs it leaves alone by reason", async () => {
      const org = `org-${randomUUID()}`;
      const [owner, colleague, stranger] = [newViewer(org), newViewer(org), newViewer()];
      const boom = [await failed(owner, 'Boom'), await failed(owner, 'Boom')];
      const otherCode = await failed(owner, 'Other');
      const colleagues = await failed(colleague, 'Boom');
      const strangers = await failed(stranger, 'Boom');
      const done = await completed(owner);

      const outcome = await domain.control.retryMatching(owner, own(owner, { errorCodes: ['Boom'] }), { dryRun: false });
      expect(outcome).toEqual({ dryRun: false, matched: 3, changed: 2, skipped: { notOwner: 1, status: 0, unregisteredType: 0 } });
      for (const id of boom) {
        expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'PENDING', attempts: 0, errorCode: null });
        expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'created' })]);
      }
      for (const id of [otherCode, colleagues, strangers]) expect(await statusOf(id)).toBe('FAILED');
      expect(await statusOf(done)).toBe('COMPLETED');

      // Without an error code the completed job matches too, and is skipped for its status.
      const again = await domain.control.retryMatching(owner, { scope: { kind: 'owner', ownerId: owner.sub }, statuses: [JobStatus.FAILED, JobStatus.COMPLETED] }, { dryRun: false });
      expect(again).toMatchObject({ matched: 2, changed: 1, skipped: { notOwner: 0, status: 1, unregisteredType: 0 } });
      expect(await statusOf(otherCode)).toBe('PENDING');
    });

    it('changes nothing on a dry run, and counts what a run would change', async () => {
      const owner = newViewer();
      const ids = [await failed(owner, 'Boom'), await failed(owner, 'Boom'), await failed(owner, 'Boom')];
      const entries = await Promise.all(ids.map((id) => jobEntries(domain.prisma, id)));
      const filters = own(owner, { statuses: [JobStatus.FAILED] });
      expect(await domain.control.retryMatching(owner, filters, { dryRun: true })).toEqual({
        dryRun: true,
        matched: 3,
        changed: 3,
        skipped: { notOwner: 0, status: 0, unregisteredType: 0 },
      });
      for (const [index, id] of ids.entries()) {
        expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'FAILED', attempts: 1, errorCode: 'Boom' });
        expect(await jobEntries(domain.prisma, id)).toEqual(entries[index]);
      }
      expect(await domain.control.cancelMatching(owner, own(owner), { dryRun: true })).toMatchObject({ matched: 3, changed: 0, skipped: { status: 3 } });
    });

    it('commits each batch on its own, and takes every job once', async () => {
      const owner = newViewer();
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) ids.push(await failed(owner, 'Boom'));
      // Another session holds the fourth job (in the second batch): the first batch commits without waiting for it.
      const holder = OpenTransaction.begin(domain.prisma);
      await holder.run((tx) => tx.$queryRaw`SELECT id FROM jobs WHERE id = ${ids[3]}::uuid FOR UPDATE`);
      const retrying = domain.control.retryMatching(owner, own(owner, { statuses: [JobStatus.FAILED] }), { dryRun: false });
      await waitUntil(() => lockWaiters(domain.prisma), (waiting) => waiting > 0);
      expect(await Promise.all(ids.map(statusOf))).toEqual(['PENDING', 'PENDING', 'FAILED', 'FAILED', 'FAILED']);
      await holder.commit();
      expect(await retrying).toMatchObject({ matched: 5, changed: 5 });
      for (const id of ids) expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'created' })]);
    });

    it('skips jobs whose type is no longer in the catalog', async () => {
      const owner = newViewer();
      const retired = await failed(owner, 'Boom');
      const kept = await failed(owner, 'Boom');
      await domain.prisma.$executeRaw`UPDATE jobs SET type = 'retired.type' WHERE id = ${retired}::uuid`;
      expect(await domain.control.retryMatching(owner, own(owner, { statuses: [JobStatus.FAILED] }), { dryRun: false })).toMatchObject({
        matched: 2,
        changed: 1,
        skipped: { unregisteredType: 1 },
      });
      expect(await statusOf(retired)).toBe('FAILED');
      expect(await statusOf(kept)).toBe('PENDING');
    });

    it("lets an admin retry any owner's jobs, or one owner's", async () => {
      const [first, second] = [newViewer(), newViewer()];
      const firsts = await failed(first, 'Boom');
      const seconds = await failed(second, 'Boom');
      expect(await domain.control.retryMatching(ADMIN, { scope: { kind: 'owner', ownerId: first.sub }, statuses: [JobStatus.FAILED] }, { dryRun: false })).toMatchObject({ changed: 1 });
      expect([await statusOf(firsts), await statusOf(seconds)]).toEqual(['PENDING', 'FAILED']);
      expect(await domain.control.retryMatching(ADMIN, { scope: { kind: 'all' }, statuses: [JobStatus.FAILED] }, { dryRun: false })).toMatchObject({ changed: 1 });
      expect(await statusOf(seconds)).toBe('PENDING');
    });
  });

  describe('cancelMatching', () => {
    it("cancels the caller's pending and running jobs that match: handlers told, webhooks queued, pending ones counted by type", async () => {
      const [owner, stranger] = [newViewer(), newViewer()];
      const done = await completed(owner);
      const runningId = await submit(owner);
      const [attempt] = await fetchAndClaim(domain, BENCH_NOOP.name);
      if (!attempt) throw new Error('nothing claimed');
      const pending = [await submit(owner, { webhook: { url: 'https://hooks.example.com/jobs', secret: 'shh' } }), await submit(owner)];
      const strangers = await submit(stranger);

      const outcome = await domain.control.cancelMatching(owner, own(owner, { types: [BENCH_NOOP.name] }), { dryRun: false });
      expect(outcome).toMatchObject({ dryRun: false, matched: 4, changed: 3, skipped: { notOwner: 0, status: 1, unregisteredType: 0 } });
      expect(outcome.cancelledPendingByType).toEqual(new Map([[BENCH_NOOP.name, 2]]));
      for (const id of [runningId, ...pending]) {
        expect(await statusOf(id)).toBe('CANCELLED');
        expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'cancelled' })]);
      }
      await waitUntil(async () => recorder.cancelledIds(), (ids) => ids.includes(runningId));
      expect(await webhookEntries(domain.prisma, pending[0] ?? '')).toHaveLength(1);
      expect(await statusOf(strangers)).toBe('PENDING');
      expect(await statusOf(done)).toBe('COMPLETED');
    });
  });
});

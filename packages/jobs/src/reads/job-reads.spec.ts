import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode, type JobSortField, type SortOrder } from '@jobs/contracts';
import { DIAGNOSTICS_SLEEP, TEXT_INDICATORS } from '@jobs/dto';
import { JobFailure } from '../execution/job-failure.js';
import { ADMIN, type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { attemptOn, completeAttempt, failAttempt, fetchAndClaim } from '../testing/worker-steps.js';
import type { JobScope } from '../viewer.js';
import type { JobFilters } from './job-filters.js';

describe('JobReads', () => {
  let domain: JobDomain;
  const org = `org-${randomUUID()}`;
  const alice = newViewer(org);
  const bob = newViewer(org);
  const carol = newViewer();
  const aliceScope: JobScope = { kind: 'member', sub: alice.sub, org };
  /** Alice's jobs (and Bob's, in her organisation) by what happened to them. */
  const jobs = { completed: '', failed: '', running: '', cancelled: '', pending: '', bobs: '', carols: '' };
  let resultId = '';

  beforeAll(async () => {
    domain = await openJobDomain('api');
    const submit = async (viewer: typeof alice, type: string, payload: Record<string, unknown>, metadata = {}) =>
      (await domain.submission.submit(viewer, { type, payload, metadata })).jobs[0]?.id ?? '';
    jobs.completed = await submit(alice, TEXT_INDICATORS.name, { text: 'a' }, { project: 'Apollo' });
    jobs.failed = await submit(alice, TEXT_INDICATORS.name, { text: 'b' });
    jobs.running = await submit(alice, TEXT_INDICATORS.name, { text: 'c' });
    const sleeps = await domain.submission.submitBatch(alice, [1, 2].map(() => ({ type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 } })));
    [jobs.cancelled, jobs.pending] = sleeps.jobs.map((job) => job.id) as [string, string];
    jobs.bobs = await submit(bob, TEXT_INDICATORS.name, { text: 'd' });
    jobs.carols = await submit(carol, TEXT_INDICATORS.name, { text: 'e' });

    const attempts = await fetchAndClaim(domain, TEXT_INDICATORS.name);
    for (const id of [jobs.completed, jobs.bobs, jobs.carols]) await completeAttempt(domain.prisma, attemptOn(attempts, id), { total: 0, from: id });
    await failAttempt(domain, attemptOn(attempts, jobs.failed), JobFailure.invalidPayload('no'));
    await domain.control.cancel(alice, jobs.cancelled);
    resultId = (await domain.reads.findResult(alice, jobs.completed)).id;
  });

  afterAll(async () => {
    await domain?.close();
  });

  describe('one job', () => {
    it('shows a job to its owner, its organisation and admins, and to nobody else', async () => {
      for (const viewer of [alice, bob, ADMIN]) expect((await domain.reads.findVisible(viewer, jobs.completed)).id).toBe(jobs.completed);
      await expect(domain.reads.findVisible(carol, jobs.completed)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
      await expect(domain.reads.findVisible(alice, jobs.carols)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
      await expect(domain.reads.findVisible(alice, randomUUID())).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
    });

    it('carries the result inline once completed, and none before', async () => {
      const completed = await domain.reads.findVisibleWithResult(bob, jobs.completed);
      expect(completed.job).toMatchObject({ status: 'COMPLETED', resultId, resultType: TEXT_INDICATORS.resultType });
      expect(completed.result).toMatchObject({ id: resultId, jobId: jobs.completed, data: { total: 0, from: jobs.completed } });
      expect((await domain.reads.findVisibleWithResult(alice, jobs.running)).result).toBeNull();
      await expect(domain.reads.findVisibleWithResult(carol, jobs.running)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
    });

    it('answers JOB_NOT_COMPLETED with the status for a job without a result, asking to come back only while it may still get one', async () => {
      await expect(domain.reads.findResult(alice, jobs.pending)).rejects.toMatchObject({
        code: ErrorCode.JOB_NOT_COMPLETED,
        extras: { extensions: { jobStatus: 'PENDING' }, retryAfterSeconds: 1 },
      });
      await expect(domain.reads.findResult(alice, jobs.running)).rejects.toMatchObject({ extras: { extensions: { jobStatus: 'PROCESSING' }, retryAfterSeconds: 1 } });
      for (const [id, status] of [[jobs.failed, 'FAILED'], [jobs.cancelled, 'CANCELLED']] as const) {
        const refusal = await domain.reads.findResult(alice, id).catch((error: unknown) => error);
        expect(refusal).toMatchObject({ code: ErrorCode.JOB_NOT_COMPLETED, extras: { extensions: { jobStatus: status } } });
        expect(refusal).not.toHaveProperty('extras.retryAfterSeconds');
      }
      await expect(domain.reads.findResult(carol, jobs.completed)).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
    });

    it('shows a result by its own id exactly when its job is visible', async () => {
      expect((await domain.reads.findVisibleResult(bob, resultId)).job.id).toBe(jobs.completed);
      await expect(domain.reads.findVisibleResult(carol, resultId)).rejects.toMatchObject({ code: ErrorCode.RESULT_NOT_FOUND });
    });
  });

  describe('listings', () => {
    const aliceSees = () => [jobs.completed, jobs.failed, jobs.running, jobs.cancelled, jobs.pending, jobs.bobs];

    /** Every page of a listing, following the cursor of each page's last row, `size` rows a page. */
    async function pageThrough(filters: JobFilters, sort: JobSortField, order: SortOrder, size: number): Promise<string[]> {
      const ids: string[] = [];
      let after: { value: Date | number | null; id: string } | undefined;
      for (;;) {
        const rows = await domain.reads.list(filters, { sort, order, take: size + 1, ...(after ? { after } : {}) });
        const page = rows.slice(0, size);
        ids.push(...page.map((row) => row.id));
        const last = page.at(-1);
        if (rows.length <= size || !last) return ids;
        after = { value: sort === 'priority' ? last.priority : last[sort], id: last.id };
      }
    }

    it.each([
      ['createdAt', 'desc'],
      ['createdAt', 'asc'],
      ['updatedAt', 'desc'],
      ['finishedAt', 'desc'],
      ['finishedAt', 'asc'],
      ['priority', 'asc'],
    ] as const)('pages by %s %s with a cursor through every visible job once, in the order of one whole listing', async (sort, order) => {
      const filters: JobFilters = { scope: aliceScope };
      const whole = (await domain.reads.list(filters, { sort, order, take: 100 })).map((row) => row.id);
      expect([...whole].sort()).toEqual(aliceSees().sort());
      expect(await pageThrough(filters, sort, order, 2)).toEqual(whole);
    });

    it('pages by offset in the same order', async () => {
      const filters: JobFilters = { scope: aliceScope };
      const whole = (await domain.reads.list(filters, { sort: 'createdAt', order: 'desc', take: 100 })).map((row) => row.id);
      const pages = await Promise.all([0, 4].map((offset) => domain.reads.list(filters, { sort: 'createdAt', order: 'desc', take: 4, offset })));
      expect(pages.flat().map((row) => row.id)).toEqual(whole);
    });

    it('filters by type, status and text, and counts what it lists', async () => {
      const cases: [Omit<JobFilters, 'scope'>, string[]][] = [
        [{ types: [DIAGNOSTICS_SLEEP.name] }, [jobs.cancelled, jobs.pending]],
        [{ statuses: ['COMPLETED', 'FAILED'] }, [jobs.completed, jobs.failed, jobs.bobs]],
        [{ q: 'APOLLO' }, [jobs.completed]],
        [{ resultTypes: [TEXT_INDICATORS.resultType], finishedTo: new Date(Date.now() + 60_000) }, [jobs.completed, jobs.bobs]],
      ];
      for (const [conditions, expected] of cases) {
        const filters: JobFilters = { scope: aliceScope, ...conditions };
        expect((await domain.reads.list(filters, { sort: 'createdAt', order: 'desc', take: 100 })).map((row) => row.id).sort()).toEqual([...expected].sort());
        expect(await domain.reads.count(filters)).toBe(expected.length);
      }
    });

    it("counts by scope: a member's organisation, one owner, everybody", async () => {
      expect(await domain.reads.count({ scope: aliceScope })).toBe(6);
      expect(await domain.reads.count({ scope: { kind: 'owner', ownerId: alice.sub } })).toBe(5);
      expect(await domain.reads.count({ scope: { kind: 'member', sub: carol.sub, org: null } })).toBe(1);
      expect(await domain.reads.count({ scope: { kind: 'all' } })).toBe(7);
    });
  });

  it('sums statistics by status and type over the scope', async () => {
    const stats = await domain.reads.stats(aliceScope);
    expect(stats).toMatchObject({
      scope: 'mine',
      total: 6,
      byStatus: { PENDING: 1, PROCESSING: 1, COMPLETED: 2, FAILED: 1, CANCELLED: 1 },
      byType: {
        [TEXT_INDICATORS.name]: { total: 4, byStatus: { PENDING: 0, PROCESSING: 1, COMPLETED: 2, FAILED: 1, CANCELLED: 0 } },
        [DIAGNOSTICS_SLEEP.name]: { total: 2, byStatus: { PENDING: 1, PROCESSING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 1 } },
      },
      completedLast24h: { count: 2 },
    });
    expect(stats.oldestPendingAgeMs).toEqual(expect.any(Number));
    const everybody = await domain.reads.stats({ kind: 'all' });
    expect(everybody).toMatchObject({ scope: 'all', total: 7, byStatus: { COMPLETED: 3 } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobErrorCode } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { jobEntries, storedJob, webhookEntries } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { type HeldAttempt, attemptOn, fetchAndClaim, lapseAttempt } from '../testing/worker-steps.js';

describe('JobExecution.reconcileLostJobs', () => {
  let domain: JobDomain;
  const owner = newViewer();

  beforeAll(async () => {
    // `api`: no pg-boss maintenance; the tests expire entries themselves.
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function claimed(maxAttempts: number): Promise<HeldAttempt> {
    const submission = await domain.submission.submit(owner, {
      type: BENCH_NOOP.name,
      payload: {},
      maxAttempts,
      webhook: { url: 'https://hooks.example.com/jobs', secret: 'shh' },
    });
    return attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), submission.jobs[0]?.id ?? '');
  }

  it('fails a running job whose worker was lost on its last attempt, once, with its webhook queued once', async () => {
    const lost = await claimed(1);
    await lapseAttempt(domain, lost);
    expect(await jobEntries(domain.prisma, lost.row.id)).toEqual([expect.objectContaining({ state: 'failed' })]);
    await domain.withExecution(async (execution) => {
      expect(await execution.reconcileLostJobs()).toBe(1);
      expect(await execution.reconcileLostJobs()).toBe(0);
    });
    expect(await storedJob(domain.prisma, lost.row.id)).toMatchObject({ status: 'FAILED', errorCode: JobErrorCode.WORKER_LOST, results: 0 });
    expect(await webhookEntries(domain.prisma, lost.row.id)).toHaveLength(1);
  });

  it('leaves a running job whose lapsed entry pg-boss will retry', async () => {
    const lapsed = await claimed(2);
    await lapseAttempt(domain, lapsed);
    expect(await jobEntries(domain.prisma, lapsed.row.id)).toEqual([expect.objectContaining({ state: 'retry' })]);
    await domain.withExecution(async (execution) => {
      expect(await execution.reconcileLostJobs()).toBe(0);
    });
    expect(await storedJob(domain.prisma, lapsed.row.id)).toMatchObject({ status: 'PROCESSING', attempts: 1 });
    expect(await webhookEntries(domain.prisma, lapsed.row.id)).toHaveLength(0);
  });
});

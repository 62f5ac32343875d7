import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { BENCH_NOOP, DIAGNOSTICS_SLEEP } from '@jobs/dto';
import { JobFailure } from '../execution/job-failure.js';
import { storedJob } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { OpenTransaction } from '../testing/open-transaction.js';
import { attemptOn, completeAttempt, failAttempt, fetchAndClaim } from '../testing/worker-steps.js';
import type { Viewer } from '../viewer.js';
import type { RetentionPolicy } from './retention-policy.js';
import { tryRetentionLock } from './try-retention-lock.js';

const DAY_MS = 24 * 3600 * 1000;

describe('JobRetention', () => {
  let domain: JobDomain;

  beforeAll(async () => {
    domain = await openJobDomain('worker');
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  /** A job of `type` that ended as `outcome`, finished `daysAgo` days ago. */
  async function finished(viewer: Viewer, type: string, outcome: 'COMPLETED' | 'FAILED' | 'CANCELLED', daysAgo: number): Promise<string> {
    const payload = type === DIAGNOSTICS_SLEEP.name ? { durationMs: 1 } : {};
    const id = (await domain.submission.submit(viewer, { type, payload, maxAttempts: 1 })).jobs[0]?.id ?? '';
    if (outcome === 'CANCELLED') await domain.control.cancel(viewer, id);
    else {
      const attempt = attemptOn(await fetchAndClaim(domain, type), id);
      if (outcome === 'COMPLETED') await completeAttempt(domain.prisma, attempt);
      else await failAttempt(domain, attempt, new JobFailure('Boom', 'no'));
    }
    await domain.prisma.$executeRaw`UPDATE jobs SET finished_at = now() - make_interval(secs => ${(daysAgo * DAY_MS) / 1000}) WHERE id = ${id}::uuid`;
    return id;
  }

  async function pendingJob(viewer: Viewer): Promise<string> {
    const id = (await domain.submission.submit(viewer, { type: BENCH_NOOP.name, payload: {} })).jobs[0]?.id ?? '';
    await domain.prisma.$executeRaw`UPDATE jobs SET created_at = now() - interval '30 days' WHERE id = ${id}::uuid`;
    return id;
  }

  const exists = async (id: string) => (await storedJob(domain.prisma, id)) !== null;

  it('purges only finished jobs older than their type’s age, or the default for other types', async () => {
    const owner = newViewer();
    const oldNoop = [await finished(owner, BENCH_NOOP.name, 'COMPLETED', 3), await finished(owner, BENCH_NOOP.name, 'FAILED', 3), await finished(owner, BENCH_NOOP.name, 'CANCELLED', 3)];
    const recentNoop = await finished(owner, BENCH_NOOP.name, 'COMPLETED', 1);
    const oldSleep = await finished(owner, DIAGNOSTICS_SLEEP.name, 'COMPLETED', 3);
    const veryOldSleep = await finished(owner, DIAGNOSTICS_SLEEP.name, 'COMPLETED', 10);
    const pending = await pendingJob(owner);

    const policy: RetentionPolicy = { defaultAgeSeconds: 7 * 24 * 3600, ageSecondsByType: new Map([[BENCH_NOOP.name, 2 * 24 * 3600]]) };
    const run = await domain.retention.purgeExpired(policy);
    expect(run).toMatchObject({ purged: 4, purgedByRule: new Map([[BENCH_NOOP.name, 3], ['default', 1]]) });
    for (const id of [...oldNoop, veryOldSleep]) expect(await exists(id)).toBe(false);
    for (const id of [recentNoop, oldSleep, pending]) expect(await exists(id)).toBe(true);
  });

  it('keeps a type exempted from the default', async () => {
    const owner = newViewer();
    const kept = await finished(owner, BENCH_NOOP.name, 'COMPLETED', 30);
    const purged = await finished(owner, DIAGNOSTICS_SLEEP.name, 'COMPLETED', 30);
    const run = await domain.retention.purgeExpired({ defaultAgeSeconds: 24 * 3600, ageSecondsByType: new Map([[BENCH_NOOP.name, null]]) });
    expect(run?.purged).toBe(1);
    expect([await exists(kept), await exists(purged)]).toEqual([true, false]);
  });

  it('runs on one worker at a time: while another holds the lock, a run purges nothing', async () => {
    const owner = newViewer();
    const old = await finished(owner, BENCH_NOOP.name, 'COMPLETED', 30);
    const policy: RetentionPolicy = { defaultAgeSeconds: 24 * 3600, ageSecondsByType: new Map() };
    const otherWorker = OpenTransaction.begin(domain.prisma);
    expect(await otherWorker.run((tx) => tryRetentionLock(tx))).toBe(true);
    expect(await domain.retention.purgeExpired(policy)).toBeNull();
    expect(await exists(old)).toBe(true);
    await otherWorker.commit();
    expect(await domain.retention.purgeExpired(policy)).toMatchObject({ purged: 1 });
    expect(await exists(old)).toBe(false);
  });

  it('stops once its signal aborts (a stopping worker), keeping what it has not reached', async () => {
    const owner = newViewer();
    const old = await finished(owner, BENCH_NOOP.name, 'COMPLETED', 30);
    const run = await domain.retention.purgeExpired({ defaultAgeSeconds: 24 * 3600, ageSecondsByType: new Map() }, AbortSignal.abort());
    expect(run).toMatchObject({ purged: 0 });
    expect(await exists(old)).toBe(true);
  });

  it('lets exactly one of two simultaneous runs purge', async () => {
    const owner = newViewer();
    for (let index = 0; index < 3; index += 1) await finished(owner, BENCH_NOOP.name, 'COMPLETED', 30);
    const policy: RetentionPolicy = { defaultAgeSeconds: 24 * 3600, ageSecondsByType: new Map() };
    const runs = await Promise.all([domain.retention.purgeExpired(policy), domain.retention.purgeExpired(policy)]);
    // The second either found the lock held (null) or came after the first had purged everything.
    expect(runs.reduce((sum, run) => sum + (run?.purged ?? 0), 0)).toBe(3);
  });
});

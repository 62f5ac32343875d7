import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobStatus } from '@jobs/contracts';
import { DIAGNOSTICS_SLEEP, TEXT_INDICATORS } from '@jobs/dto';
import { JobFailure } from '../execution/job-failure.js';
import { ADMIN, type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { completeAttempt, failAttempt, fetchAndClaim, type HeldAttempt } from '../testing/worker-steps.js';
import type { JobScope, Viewer } from '../viewer.js';
import { sumJobCounts } from './sum-job-counts.js';

type Counts = Record<string, number>;

/** `owner|org|type|status` → count, from the counters and from the rows themselves. */
async function countersAndRows(domain: JobDomain): Promise<{ counters: Counts; rows: Counts }> {
  const read = async (sql: string): Promise<Counts> =>
    Object.fromEntries((await domain.prisma.$queryRawUnsafe<{ key: string; count: number }[]>(sql)).map(({ key, count }) => [key, count]));
  return {
    counters: await read(`SELECT concat_ws('|', owner_id, org_id, type, status) AS key, sum(count)::int AS count
                            FROM job_counts GROUP BY 1 HAVING sum(count) <> 0`),
    rows: await read(`SELECT concat_ws('|', owner_id, coalesce(org_id, ''), type, status) AS key, count(*)::int AS count
                        FROM jobs GROUP BY 1`),
  };
}

describe('job counters (job_counts, kept by the triggers on jobs)', () => {
  let domain: JobDomain;
  const org = `org-${randomUUID()}`;
  const alice = newViewer(org);
  const bob = newViewer(org);
  const carol = newViewer();

  const submitSome = (viewer: Viewer, count: number) =>
    Promise.all([
      ...Array.from({ length: count }, (_, index) => domain.submission.submit(viewer, { type: TEXT_INDICATORS.name, payload: { text: `t${index}` } })),
      domain.submission.submitBatch(viewer, Array.from({ length: count }, () => ({ type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 } }))),
    ]);

  beforeAll(async () => {
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  it('match count(*) by owner, organisation, type and status after concurrent submits, claims, completions, failures, cancels, deletes and purges', async () => {
    await Promise.all([alice, bob, carol].map((viewer) => submitSome(viewer, 12)));

    const claimed: HeldAttempt[] = (await Promise.all([fetchAndClaim(domain, TEXT_INDICATORS.name), fetchAndClaim(domain, DIAGNOSTICS_SLEEP.name)])).flat();
    expect(claimed.length).toBe(72);
    const pending = await domain.submission.submitBatch(carol, Array.from({ length: 10 }, () => ({ type: TEXT_INDICATORS.name, payload: { text: 'later' } })));
    // Everything at once: completions and failures (worker), cancels and deletes (owners), more submits, a purge of one owner's failures.
    await Promise.all([
      ...claimed.slice(0, 30).map((attempt) => completeAttempt(domain.prisma, attempt)),
      ...claimed.slice(30, 45).map((attempt) => failAttempt(domain, attempt, JobFailure.invalidPayload('no'))),
      ...claimed.slice(45, 55).map((attempt) => domain.control.cancel(ADMIN, attempt.row.id)),
      ...pending.jobs.slice(0, 5).map((job) => domain.control.delete(carol, job.id)),
      submitSome(alice, 5),
      submitSome(bob, 5),
    ]);
    await Promise.all([
      domain.control.purge({ scope: { kind: 'owner', ownerId: bob.sub }, statuses: [JobStatus.FAILED, JobStatus.COMPLETED] }),
      domain.control.purge({ scope: { kind: 'owner', ownerId: carol.sub } }),
      submitSome(alice, 3),
    ]);

    const { counters, rows } = await countersAndRows(domain);
    expect(Object.keys(rows).length).toBeGreaterThan(4);
    expect(counters).toEqual(rows);
  });

  it('give the statistics the same counts as counting the rows, in every kind of scope', async () => {
    const scopes: JobScope[] = [
      { kind: 'all' },
      { kind: 'owner', ownerId: carol.sub },
      { kind: 'member', sub: alice.sub, org },
      { kind: 'member', sub: alice.sub, org: null },
      { kind: 'member', sub: carol.sub, org },
    ];
    for (const scope of scopes) {
      const where =
        scope.kind === 'all' ? 'TRUE' : scope.kind === 'owner' ? `owner_id = '${scope.ownerId}'` : scope.org === null ? `owner_id = '${scope.sub}'` : `(owner_id = '${scope.sub}' OR org_id = '${scope.org}')`;
      const counted = await domain.prisma.$queryRawUnsafe<{ type: string; status: string; count: number }[]>(
        `SELECT type, status::text AS status, count(*)::int AS count FROM jobs WHERE ${where} GROUP BY 1, 2`,
      );
      const sorted = <T extends { type: string; status: string }>(list: T[]) => [...list].sort((a, b) => `${a.type}${a.status}`.localeCompare(`${b.type}${b.status}`));
      expect(sorted(await sumJobCounts(domain.prisma, scope))).toEqual(sorted(counted));
    }
    expect((await domain.reads.stats({ kind: 'all' })).total).toBe((await domain.prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM jobs`)[0]?.count);
  });

  it('count nothing once the jobs are truncated', async () => {
    await domain.prisma.$executeRawUnsafe('TRUNCATE jobs CASCADE');
    expect(await sumJobCounts(domain.prisma, { kind: 'all' })).toEqual([]);
  });
});

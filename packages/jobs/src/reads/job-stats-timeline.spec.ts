import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobStatsTimelineResponse } from '@jobs/contracts';
import { DIAGNOSTICS_SLEEP, TEXT_INDICATORS } from '@jobs/dto';
import { JobFailure } from '../execution/job-failure.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { placeJobInTime } from '../testing/job-times.js';
import { attemptOn, completeAttempt, failAttempt, fetchAndClaim } from '../testing/worker-steps.js';
import type { JobScope, Viewer } from '../viewer.js';
import { timelineWindow } from './timeline-window.js';

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = sorted[Math.floor(position)] ?? Number.NaN;
  const upper = sorted[Math.ceil(position)] ?? Number.NaN;
  return lower + (upper - lower) * (position - Math.floor(position));
}

type Outcome = 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'PENDING';

interface PlannedJob {
  viewer: Viewer;
  type: string;
  outcome: Outcome;
  /** Milliseconds after T0 (10:00 UTC). */
  created: number;
  started?: number;
  finished?: number;
}

// Long before any job the domain makes now, so nothing else falls in these windows.
const T0 = Date.parse('2001-02-03T10:00:00.000Z');
const MINUTE = 60_000;
const at = (offset: number): Date => new Date(T0 + offset);
const TEXT_DURATIONS = [120, 80, 400, 1_000, 50, 3_000, 700, 15, 2_500, 90, 333];
const SLEEP_DURATIONS = [10, 20, 35];

describe('JobReads.statsTimeline', () => {
  let domain: JobDomain;
  const org = `org-${randomUUID()}`;
  const alice = newViewer(org);
  const bob = newViewer(org);
  const carol = newViewer();
  const aliceAndOrg: JobScope = { kind: 'member', sub: alice.sub, org };

  const planned: PlannedJob[] = [
    // Alice's completed jobs: created in the first minute, finished in the second (or third) after running their durations.
    ...TEXT_DURATIONS.map((ms, index) => {
      const started = MINUTE + index * 1_000;
      return { viewer: alice, type: TEXT_INDICATORS.name, outcome: 'COMPLETED' as const, created: index * 1_000, started, finished: started + ms };
    }),
    ...SLEEP_DURATIONS.map((ms) => ({ viewer: alice, type: DIAGNOSTICS_SLEEP.name, outcome: 'COMPLETED' as const, created: 30_000, started: 2 * MINUTE, finished: 2 * MINUTE + ms })),
    // On either side of the 10:03 boundary, and a failure in its last millisecond before it.
    { viewer: alice, type: TEXT_INDICATORS.name, outcome: 'FAILED', created: 3 * MINUTE - 1, started: 3 * MINUTE - 1, finished: 3 * MINUTE - 1 },
    { viewer: alice, type: DIAGNOSTICS_SLEEP.name, outcome: 'CANCELLED', created: 3 * MINUTE, finished: 5 * MINUTE },
    // Before the window, still pending; and completed after it (counted by neither).
    { viewer: alice, type: TEXT_INDICATORS.name, outcome: 'PENDING', created: -1 },
    { viewer: alice, type: TEXT_INDICATORS.name, outcome: 'COMPLETED', created: 6 * MINUTE, started: 6 * MINUTE, finished: 8 * MINUTE },
    // Alice's organisation: Bob's; and Carol, in none.
    { viewer: bob, type: TEXT_INDICATORS.name, outcome: 'COMPLETED', created: 2 * MINUTE, started: 4 * MINUTE, finished: 4 * MINUTE + 5_000 },
    { viewer: carol, type: TEXT_INDICATORS.name, outcome: 'COMPLETED', created: MINUTE, started: MINUTE, finished: 2 * MINUTE },
  ];
  /** Minute buckets 10:00–10:07 as the window of a `bucket=minute` request from 10:00:30 to 10:06:00. */
  const minutes = timelineWindow({ from: at(30_000), to: at(6 * MINUTE), bucket: 'minute' }, new Date());
  const timeline = (scope: JobScope, types?: string[], window = minutes): Promise<JobStatsTimelineResponse> =>
    domain.reads.statsTimeline(scope, window, types);

  beforeAll(async () => {
    domain = await openJobDomain('api');
    const ids = await Promise.all(
      planned.map(async (job) => {
        const delay = job.outcome === 'PENDING' || job.outcome === 'CANCELLED' ? { delaySeconds: 3_600 } : {};
        const payload = job.type === TEXT_INDICATORS.name ? { text: 'x' } : { durationMs: 0 };
        return (await domain.submission.submit(job.viewer, { type: job.type, payload, ...delay })).jobs[0]?.id ?? '';
      }),
    );
    for (const type of [TEXT_INDICATORS.name, DIAGNOSTICS_SLEEP.name]) {
      const attempts = await fetchAndClaim(domain, type);
      for (const [index, job] of planned.entries()) {
        const id = ids[index] ?? '';
        if (job.type !== type) continue;
        if (job.outcome === 'COMPLETED') await completeAttempt(domain.prisma, attemptOn(attempts, id));
        if (job.outcome === 'FAILED') await failAttempt(domain, attemptOn(attempts, id), JobFailure.invalidPayload('no'));
        if (job.outcome === 'CANCELLED') await domain.control.cancel(job.viewer, id);
      }
    }
    for (const [index, job] of planned.entries()) {
      await placeJobInTime(domain.prisma, ids[index] ?? '', {
        createdAt: at(job.created),
        startedAt: job.started === undefined ? null : at(job.started),
        finishedAt: job.finished === undefined ? null : at(job.finished),
      });
    }
  });

  afterAll(async () => {
    await domain?.close();
  });

  it('has a point for every bucket of the window, on UTC minute boundaries, zeros included', async () => {
    const result = await timeline(aliceAndOrg);
    expect(result).toMatchObject({ from: '2001-02-03T10:00:00.000Z', to: '2001-02-03T10:06:00.000Z', bucket: 'minute' });
    expect(result.points).toEqual([
      { at: '2001-02-03T10:00:00.000Z', created: 11 + 3, completed: 0, failed: 0, cancelled: 0 },
      { at: '2001-02-03T10:01:00.000Z', created: 0, completed: 11, failed: 0, cancelled: 0 },
      { at: '2001-02-03T10:02:00.000Z', created: 1 + 1, completed: 3, failed: 1, cancelled: 0 },
      { at: '2001-02-03T10:03:00.000Z', created: 1, completed: 0, failed: 0, cancelled: 0 },
      { at: '2001-02-03T10:04:00.000Z', created: 0, completed: 1, failed: 0, cancelled: 0 },
      { at: '2001-02-03T10:05:00.000Z', created: 0, completed: 0, failed: 0, cancelled: 1 },
    ]);
  });

  it('counts one owner, a member with their organisation, and everybody', async () => {
    const created = async (scope: JobScope) => (await timeline(scope)).points.reduce((sum, point) => sum + point.created, 0);
    expect(await created({ kind: 'owner', ownerId: alice.sub })).toBe(11 + 3 + 2);
    expect(await created(aliceAndOrg)).toBe(11 + 3 + 2 + 1);
    expect(await created({ kind: 'member', sub: bob.sub, org })).toBe(11 + 3 + 2 + 1);
    expect(await created({ kind: 'member', sub: alice.sub, org: null })).toBe(11 + 3 + 2);
    expect(await created({ kind: 'member', sub: carol.sub, org: null })).toBe(1);
    expect(await created({ kind: 'all' })).toBe(11 + 3 + 2 + 1 + 1);
    expect((await timeline({ kind: 'member', sub: carol.sub, org: null })).points.map((point) => point.completed)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('gives duration percentiles by type of the jobs completed in the window, as PostgreSQL interpolates them', async () => {
    const expected = (type: string, durations: readonly number[]) => ({
      type,
      count: durations.length,
      p50Ms: Math.round(percentileCont(durations, 0.5)),
      p90Ms: Math.round(percentileCont(durations, 0.9)),
      p99Ms: Math.round(percentileCont(durations, 0.99)),
    });
    expect((await timeline({ kind: 'owner', ownerId: alice.sub })).durations).toEqual([
      expected(DIAGNOSTICS_SLEEP.name, SLEEP_DURATIONS),
      expected(TEXT_INDICATORS.name, TEXT_DURATIONS),
    ]);
    expect((await timeline(aliceAndOrg)).durations).toEqual([
      expected(DIAGNOSTICS_SLEEP.name, SLEEP_DURATIONS),
      expected(TEXT_INDICATORS.name, [...TEXT_DURATIONS, 5_000]),
    ]);
    expect((await timeline({ kind: 'member', sub: carol.sub, org: null })).durations).toEqual([expected(TEXT_INDICATORS.name, [MINUTE])]);
  });

  it('counts only the types asked for', async () => {
    const sleeps = await timeline(aliceAndOrg, [DIAGNOSTICS_SLEEP.name]);
    expect(sleeps.points.map(({ created, completed, cancelled }) => [created, completed, cancelled])).toEqual([
      [3, 0, 0],
      [0, 0, 0],
      [0, 3, 0],
      [1, 0, 0],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(sleeps.durations.map((durations) => durations.type)).toEqual([DIAGNOSTICS_SLEEP.name]);
  });

  it('reads windows at either end of the instants a request can name', async () => {
    for (const [from, to] of [
      ['0100-01-01T00:00:00Z', '0100-01-03T00:00:00Z'],
      ['9999-12-29T00:00:00Z', '9999-12-31T00:00:00Z'],
    ] as const) {
      const edge = await timeline({ kind: 'all' }, [], timelineWindow({ from: new Date(from), to: new Date(to), bucket: 'day' }, new Date()));
      expect(edge.points.map((point) => [point.at, point.created + point.completed])).toEqual([
        [new Date(from).toISOString(), 0],
        [new Date(Date.parse(from) + 86_400_000).toISOString(), 0],
      ]);
    }
  });

  it('sums the same jobs into hours and days, with the job before 10:00 in the hour before', async () => {
    const hours = await timeline(aliceAndOrg, [], timelineWindow({ from: at(-MINUTE), to: at(9 * MINUTE), bucket: 'hour' }, new Date()));
    expect(hours.points).toEqual([
      { at: '2001-02-03T09:00:00.000Z', created: 1, completed: 0, failed: 0, cancelled: 0 },
      { at: '2001-02-03T10:00:00.000Z', created: 11 + 3 + 2 + 1 + 1, completed: 11 + 3 + 1 + 1, failed: 1, cancelled: 1 },
    ]);
    const days = await timeline(aliceAndOrg, [], timelineWindow({ from: at(-24 * 60 * MINUTE), to: at(MINUTE), bucket: 'day' }, new Date()));
    expect(days.points.map((point) => [point.at, point.created])).toEqual([
      ['2001-02-02T00:00:00.000Z', 0],
      ['2001-02-03T00:00:00.000Z', 11 + 3 + 2 + 1 + 1 + 1],
    ]);
    expect(days.durations.map((durations) => durations.count)).toEqual([3, 11 + 1 + 1]);
  });
});

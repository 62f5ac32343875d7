import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BENCH_NOOP, JOB_TYPES, JobCatalog, parseFairnessOverrides, parseRateLimitOverrides } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { ScriptedRunner } from '../testing/scripted-runner.js';
import type { Viewer } from '../viewer.js';
import { StartThrottle } from './start-throttle.js';

const TYPE_NAMES = JOB_TYPES.map((definition) => definition.name);

function catalogWith(fairness: string, rateLimits = ''): JobCatalog {
  return JobCatalog.create({
    diagnostics: true,
    benchmarks: true,
    overrides: { fairness: parseFairnessOverrides(fairness, TYPE_NAMES).settings, rateLimits: parseRateLimitOverrides(rateLimits, TYPE_NAMES).settings },
  });
}

/** Runs each no-op for `ms`, recording which owner's job started when, and the most that ran at once. */
class TimedRunner extends ScriptedRunner {
  readonly starts: { owner: string; at: number }[] = [];
  running = 0;
  mostRunning = 0;

  constructor(ownerOf: (jobId: string) => string, ms: number) {
    super(async (job) => {
      this.starts.push({ owner: ownerOf(job.id), at: performance.now() });
      this.mostRunning = Math.max(this.mostRunning, ++this.running);
      await sleep(ms);
      this.running -= 1;
      return { status: 'completed', data: {} };
    });
  }
}

async function submitNoops(domain: JobDomain, viewer: Viewer, count: number, owners: Map<string, string>): Promise<string[]> {
  const requests = Array.from({ length: count }, (_, sequence) => ({ type: BENCH_NOOP.name, payload: { sequence } }));
  const ids = (await domain.submission.submitBatch(viewer, requests)).jobs.map((job) => job.id);
  for (const id of ids) owners.set(id, viewer.sub);
  return ids;
}

/** Tenant A queues a backlog and fills every slot; then tenant B submits a few. How many of A's jobs started before B's last one? */
async function backlogThenFew(domain: JobDomain): Promise<{ aStartsBeforeLastB: number; mostRunningAlone: number }> {
  const [a, b] = [newViewer(), newViewer()];
  const owners = new Map<string, string>();
  const runner = new TimedRunner((id) => owners.get(id) ?? '', 40);
  await submitNoops(domain, a, 150, owners);
  let bIds: string[] = [];
  let mostRunningAlone = 0;
  await domain.withExecution(async (execution) => {
    execution.work(BENCH_NOOP.name, { concurrency: 4, pollIntervalSeconds: 0.2 }, runner);
    await waitUntil(async () => runner.starts.length, (started) => started >= 8, { timeoutMs: 30_000 });
    mostRunningAlone = runner.mostRunning;
    bIds = await submitNoops(domain, b, 5, owners);
    await waitUntil(async () => runner.starts.filter((start) => start.owner === b.sub).length, (started) => started === bIds.length, { timeoutMs: 60_000 });
  });
  const lastB = runner.starts.findLastIndex((start) => start.owner === b.sub);
  return { aStartsBeforeLastB: runner.starts.slice(0, lastB).filter((start) => start.owner === a.sub).length, mostRunningAlone };
}

describe('fair sharing between tenants', () => {
  it('starts a few jobs of one owner within its share while another owner has a backlog, and lends idle slots', async () => {
    const domain = await openJobDomain('worker', { catalog: catalogWith('bench.noop=owner:0.5') });
    try {
      const { aStartsBeforeLastB, mostRunningAlone } = await backlogThenFew(domain);
      // A alone took every slot (lent); B's five, two at a time, start well before A's 150 are through.
      expect(mostRunningAlone).toBe(4);
      expect(aStartsBeforeLastB).toBeLessThan(40);
    } finally {
      await domain.close();
    }
  });

  it('without fairness, the other owner waits behind the backlog', async () => {
    const domain = await openJobDomain('worker', { catalog: catalogWith('bench.noop=off') });
    try {
      const { aStartsBeforeLastB } = await backlogThenFew(domain);
      expect(aStartsBeforeLastB).toBeGreaterThan(130);
    } finally {
      await domain.close();
    }
  });
});

describe('per-type rate limits', () => {
  let domain: JobDomain;

  beforeAll(async () => {
    domain = await openJobDomain('worker', { catalog: catalogWith('', 'bench.noop=5/second') });
  });

  afterAll(async () => {
    await domain?.close();
  });

  it('grants a bucket’s tokens once however many take at the same time', async () => {
    const throttles = Array.from({ length: 8 }, () => new StartThrottle(domain.prisma, 'test.bucket', { limit: 5, per: 'minute' }));
    const allowances = await Promise.all(throttles.map((throttle) => throttle.take(3)));
    expect(allowances.reduce((sum, allowance) => sum + allowance.granted, 0)).toBe(5);
    // Dry: the next token is about 12 s away (5 a minute).
    const dry = await throttles[0]!.take(1);
    expect(dry.granted).toBe(0);
    expect(dry.waitMs).toBeGreaterThan(5_000);
    await throttles[0]!.giveBack(2);
    expect((await throttles[1]!.take(5)).granted).toBe(2);
  });

  it('holds across two workers fetching at once: bursts of the limit, then the limit per second', async () => {
    const owner = newViewer();
    const owners = new Map<string, string>();
    const runner = new TimedRunner(() => owner.sub, 0);
    const ids = await submitNoops(domain, owner, 20, owners);
    await domain.withExecution(async (first) =>
      domain.withExecution(async (second) => {
        first.work(BENCH_NOOP.name, { concurrency: 8, pollIntervalSeconds: 0.2 }, runner);
        second.work(BENCH_NOOP.name, { concurrency: 8, pollIntervalSeconds: 0.2 }, runner);
        await waitUntil(async () => runner.starts.length, (started) => started === ids.length, { timeoutMs: 60_000 });
      }),
    );
    const times = runner.starts.map((start) => start.at).sort((x, y) => x - y);
    // In any stretch of time, at most the burst plus the refill, with half a second for a loaded machine's delays.
    for (let from = 0; from < times.length; from += 1) {
      for (let to = from; to < times.length; to += 1) {
        const seconds = ((times[to] ?? 0) - (times[from] ?? 0)) / 1000;
        expect(to - from + 1).toBeLessThanOrEqual(5 + Math.floor(5 * (seconds + 0.5)));
      }
    }
  });
});

// The baseline of the throughput benchmarks: raw pg-boss on the same PostgreSQL server, in the same run.
import { createScratchDatabase } from '@jobs/dev-postgres';
import { PgBoss } from 'pg-boss';
import { closedLoop, measuringCpu, timeline } from './measures.mjs';

/**
 * Raw pg-boss with as many connections as the API process has in all (Prisma's pool and pg-boss's),
 * on a database of its own: it starts as empty as the platform's did, not behind the platform's rows.
 */
export async function withRawBoss(options, work) {
  const database = await createScratchDatabase();
  const boss = new PgBoss({ connectionString: database.url, max: 20, supervise: false, schedule: false, ...options });
  boss.on('error', (error) => console.error('pg-boss:', error.message));
  try {
    await boss.start();
    return await work(boss, database.url);
  } finally {
    await boss.stop({ graceful: false });
    await database.drop();
  }
}

/** `send()` from `callers` concurrent loops for `seconds`: jobs/s, and CPU per job. */
export async function rawSubmit(callers, seconds) {
  return withRawBoss({}, async (boss) => {
    await boss.createQueue('raw-submit');
    return measuringCpu(null, async () => {
      const rate = await closedLoop(callers, seconds, (sequence) => boss.send('raw-submit', { sequence }));
      return { rate, jobs: rate * seconds };
    });
  });
}

/** pg-boss's fastest drain we know of, tried in every run: big fetches, completed together, without pauses while fetches come back full. */
export const RAW_DRAIN_SETTINGS = [
  { batchSize: 100, localConcurrency: 4 },
  { batchSize: 250, localConcurrency: 2 },
  { batchSize: 500, localConcurrency: 2 },
  { batchSize: 1000, localConcurrency: 1 },
].map((settings) => ({ ...settings, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 }));

/** `jobs` no-op jobs inserted `batch` at a time, then drained by `work()` with `settings`: jobs/s, and CPU per job. */
export async function rawDrain(settings, jobs, batch) {
  return withRawBoss({}, async (boss, url) => {
    await boss.createQueue('raw-drain');
    for (let offset = 0; offset < jobs; offset += batch) {
      await boss.insert('raw-drain', Array.from({ length: Math.min(batch, jobs - offset) }, (_, index) => ({ data: { sequence: offset + index } })));
    }
    return measuringCpu(null, async () => {
      await boss.work('raw-drain', settings, async () => undefined);
      const { seconds } = await timeline(url, `SELECT count(*) AS done FROM pgboss.job WHERE name = 'raw-drain' AND state = 'completed'`, jobs);
      return { rate: jobs / seconds, jobs, settings };
    });
  });
}

/** Every setting of RAW_DRAIN_SETTINGS in turn: the fastest (the baseline) and all of them. */
export async function bestRawDrain(jobs, batch) {
  const raws = [];
  for (const settings of RAW_DRAIN_SETTINGS) raws.push(await rawDrain(settings, jobs, batch));
  return { best: raws.reduce((best, candidate) => (candidate.rate > best.rate ? candidate : best)), all: raws };
}

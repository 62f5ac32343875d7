// Fair sharing between tenants (issue 16): tenant A queues a backlog of no-op jobs, one worker starts
// on it, and once it is running tenant B submits a few. B's queue-to-start wait (the job's
// `created_at` → `started_at`, the claim) with fairness on (the default, half a worker's slots per
// owner) against off (`JOB_FAIRNESS=bench.noop=off`), and A's throughput (its jobs from the first
// start to the last completion, jobs/s) both ways, alternating on and off in each repetition. Then
// what pg-boss's group concurrency costs a fetch: the fetch statement alone, on raw pg-boss, with one
// tenant's backlog at its limit in front of another's entries, against a plain fetch.
// Usage: pnpm bench:fairness [backlog=5000]   BENCH_REPETITIONS (3), BENCH_FEW (20),
// BENCH_WORKER_CONCURRENCY (20), BENCH_FETCH_BACKLOGS (5000,100000).
import { createScratchDatabase, startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import { PgBoss } from 'pg-boss';
import { query } from './measures.mjs';
import { API_ENV, noop, submitBacklog, workerEnv } from './noop-load.mjs';

const BACKLOG = Number(process.argv[2] ?? 5_000);
const FEW = Number(process.env.BENCH_FEW ?? 20);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 20);
const FETCH_BACKLOGS = (process.env.BENCH_FETCH_BACKLOGS ?? '5000,100000').split(',').map(Number).filter((backlog) => backlog > 0);
/** A's jobs done before B submits: the worker is at full speed on the backlog by then. */
const HEAD_START = Math.min(200, Math.floor(BACKLOG / 10));
const FETCHES = 30;

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const median = (values) => percentile(values, 50);
const range = (values, digits = 0) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function until(check, timeoutMs = 600_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

/** One run: A's backlog, the worker, B's few; B's waits (ms) and A's jobs/s. */
async function run(fairness) {
  const env = fairness ? {} : { JOB_FAIRNESS: 'bench.noop=off' };
  const stack = await startStack({ workers: 0, apiEnv: { ...API_ENV, ...env } });
  try {
    const [a, b] = ['tenant-a', 'tenant-b'].map((name) => uniqueSubject(name));
    const asTenant = (sub) => stack.client.withToken(mintToken({ sub }, { expiresIn: '2h' }));
    await submitBacklog(asTenant(a), BACKLOG, 1000);
    await stack.startWorker({ ...workerEnv(CONCURRENCY), ...env });
    const done = async (owner) => Number((await query(stack.database.url, `SELECT count(*) AS n FROM jobs WHERE owner_id = $1 AND status = 'COMPLETED'`, [owner]))[0].n);
    await until(async () => (await done(a)) >= HEAD_START);
    const left = BACKLOG - (await done(a));
    await asTenant(b).post('/v1/jobs/batch', { jobs: Array.from({ length: FEW }, (_, index) => noop(index)) });
    await until(async () => (await done(a)) === BACKLOG && (await done(b)) === FEW);
    const waits = (await query(stack.database.url, `SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs WHERE owner_id = $1`, [b])).map((row) => Number(row.ms));
    const [span] = await query(stack.database.url, `SELECT count(*) / extract(epoch FROM max(finished_at) - min(started_at)) AS rate FROM jobs WHERE owner_id = $1`, [a]);
    return { waits, rate: Number(span.rate), left };
  } finally {
    await stack.stop();
  }
}

/** Milliseconds per fetch of `batch` entries, on raw pg-boss: tenant A's `backlog` queued with `limit` of its entries running, B's entries behind. */
async function fetchCost(backlog, batch, limit) {
  const database = await createScratchDatabase();
  const boss = new PgBoss({ connectionString: database.url, max: 4, supervise: false, schedule: false });
  boss.on('error', (error) => console.error('pg-boss:', error.message));
  try {
    await boss.start();
    const timed = async (name, options) => {
      await boss.createQueue(name);
      for (let offset = 0; offset < backlog; offset += 5000) {
        await boss.insert(name, Array.from({ length: Math.min(5000, backlog - offset) }, (_, index) => ({ data: { index }, group: { id: 'owner:a' } })));
      }
      await boss.insert(name, Array.from({ length: batch * FETCHES }, (_, index) => ({ data: { index }, group: { id: `owner:b${index}` } })));
      await boss.fetch(name, { batchSize: limit });
      await query(database.url, 'ANALYZE pgboss.job');
      const times = [];
      for (let fetch = 0; fetch < FETCHES; fetch += 1) {
        const startedAt = performance.now();
        const fetched = await boss.fetch(name, { batchSize: batch, ...options });
        times.push(performance.now() - startedAt);
        if (fetched.length !== batch) throw new Error(`fetched ${fetched.length} of ${batch}`);
      }
      return times;
    };
    return { plain: await timed('plain', {}), grouped: await timed('grouped', { groupConcurrency: limit }) };
  } finally {
    await boss.stop({ graceful: false });
    await database.drop();
  }
}

const server = await startTestPostgres();
try {
  const runs = { on: [], off: [] };
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    for (const mode of ['on', 'off']) {
      const result = await run(mode === 'on');
      runs[mode].push(result);
      console.error(`repetition ${repetition}, fairness ${mode}: B p95 ${percentile(result.waits, 95).toFixed(0)} ms, A ${result.rate.toFixed(0)} jobs/s (${result.left} of A's jobs queued when B submitted)`);
    }
  }
  console.log(`\nTenant A queues ${BACKLOG} no-op jobs; one worker (${CONCURRENCY} slots) starts on them; after ${HEAD_START} are done, tenant B submits ${FEW}. Median (min–max) over ${REPETITIONS} repetitions:\n`);
  console.log(`| fairness | B's queue → start p50 (ms) | B's queue → start p95 (ms) | A's jobs/s |`);
  console.log('|---|---|---|---|');
  for (const mode of ['on', 'off']) {
    const p = (q) => range(runs[mode].map((result) => percentile(result.waits, q)));
    console.log(`| ${mode === 'on' ? 'on (owner, half of a worker’s slots)' : 'off'} | ${p(50)} | ${p(95)} | ${range(runs[mode].map((result) => result.rate))} |`);
  }
  const ratio = (pick) => range(runs.on.map((on, index) => pick(on) / pick(runs.off[index])), 2);
  console.log(`\nOn / off, per repetition: B's p95 × ${ratio((result) => percentile(result.waits, 95))}; A's jobs/s × ${ratio((result) => result.rate)}.`);

  if (FETCH_BACKLOGS.length > 0) {
    const batch = CONCURRENCY;
    const limit = Math.max(1, Math.floor(CONCURRENCY / 2));
    console.log(`\nOne fetch of ${batch} entries on raw pg-boss, tenant A's backlog queued with ${limit} of its entries running (at its limit), other tenants' entries behind (median of ${FETCHES} fetches, ms):\n`);
    console.log('| A\'s backlog | plain fetch (takes A\'s) | `groupConcurrency: ' + limit + '` (passes over A\'s) | ratio |');
    console.log('|---|---|---|---|');
    for (const backlog of FETCH_BACKLOGS) {
      const { plain, grouped } = await fetchCost(backlog, batch, limit);
      console.log(`| ${backlog} | ${median(plain).toFixed(2)} | ${median(grouped).toFixed(2)} | ${(median(grouped) / median(plain)).toFixed(1)} |`);
    }
  }
} finally {
  await server.stop();
}

// Throughput of the platform against raw pg-boss on the same PostgreSQL in the same run:
// single submits (autocannon, 64 connections, vs 64 concurrent send() callers), batch submits
// (1000 jobs a request vs insert() of the same batches), draining N no-op jobs with one worker (vs
// pg-boss work() with its best settings), latency at half the measured drain rate, and memory.
// Usage: pnpm bench:throughput [drainJobs=50000]   BENCH_REPETITIONS (3), BENCH_SECONDS (10)
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startTestPostgres } from '@jobs/database';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { PgBoss } from 'pg-boss';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DRAIN_JOBS = Number(process.argv[2] ?? 50_000);
const CONNECTIONS = 64;
const BATCH = 1000;
const BATCH_CONNECTIONS = 4;
const LATENCY_SECONDS = 20;
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 16);
const ENV = { ENABLE_BENCHMARK_JOBS: 'true' };
const noop = (sequence) => ({ type: 'bench.noop', payload: { sequence } });

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const spread = (values) => ({ median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values) });
const format = ({ median, min, max }, digits = 0) => `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Raw pg-boss with as many connections as the API process has in all (Prisma's pool and pg-boss's). */
async function rawBoss(url, options = {}) {
  const boss = new PgBoss({ connectionString: url, max: 20, supervise: false, schedule: false, ...options });
  boss.on('error', (error) => console.error('pg-boss:', error.message));
  await boss.start();
  return boss;
}

/** Calls `work` from `callers` concurrent loops for `seconds`; returns the completed calls per second. */
async function closedLoop(callers, seconds, work) {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let sequence = caller; performance.now() < deadline; sequence += callers) {
        await work(sequence);
        done += 1;
      }
    }),
  );
  return done / seconds;
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function submitThroughput(stack, token) {
  const result = await cannon({
    url: `${stack.api.url}/v1/jobs`,
    method: 'POST',
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(noop(1)),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`submit: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const platform = result['2xx'] / SECONDS;
  const boss = await rawBoss(stack.database.url);
  await boss.createQueue('raw-submit');
  const raw = await closedLoop(CONNECTIONS, SECONDS, (sequence) => boss.send('raw-submit', { sequence }));
  await boss.stop({ graceful: false });
  return { platform, raw };
}

async function batchThroughput(stack, token) {
  const body = JSON.stringify({ jobs: Array.from({ length: BATCH }, (_, index) => noop(index)) });
  const result = await cannon({
    url: `${stack.api.url}/v1/jobs/batch`,
    method: 'POST',
    connections: BATCH_CONNECTIONS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`batch: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const platform = (result['2xx'] * BATCH) / SECONDS;
  const boss = await rawBoss(stack.database.url);
  await boss.createQueue('raw-batch');
  const jobs = Array.from({ length: BATCH }, (_, sequence) => ({ data: { sequence } }));
  const raw = (await closedLoop(BATCH_CONNECTIONS, SECONDS, () => boss.insert('raw-batch', jobs))) * BATCH;
  await boss.stop({ graceful: false });
  return { platform, raw };
}

/** Seconds until `count` of the query's rows are done, polled every 200 ms. */
async function until(url, sql, count, timeoutSeconds = 3600) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const startedAt = performance.now();
  try {
    for (;;) {
      const [{ done }] = (await client.query(sql)).rows;
      if (Number(done) >= count) return (performance.now() - startedAt) / 1000;
      if (performance.now() - startedAt > timeoutSeconds * 1000) throw new Error(`only ${done} of ${count} done in ${timeoutSeconds} s`);
      await sleep(200);
    }
  } finally {
    await client.end();
  }
}

async function drainThroughput() {
  const stack = await startStack({ workers: 0, apiEnv: ENV });
  try {
    const client = stack.client.withToken(mintToken({ sub: uniqueSubject('drain') }, { expiresIn: '2h' }));
    for (let offset = 0; offset < DRAIN_JOBS; offset += BATCH * 4) {
      await Promise.all(
        Array.from({ length: 4 }, async (_, part) => {
          const size = Math.min(BATCH, DRAIN_JOBS - offset - part * BATCH);
          if (size > 0) await client.post('/v1/jobs/batch', { jobs: Array.from({ length: size }, (__, index) => noop(offset + part * BATCH + index)) });
        }),
      );
    }
    const worker = await stack.startWorker({ ...ENV, WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
    const seconds = await until(stack.database.url, `SELECT count(*) AS done FROM jobs WHERE status = 'COMPLETED'`, DRAIN_JOBS);
    const platform = DRAIN_JOBS / seconds;
    const workerRss = rssMiB(worker.pid);
    await worker.stop();

    const boss = await rawBoss(stack.database.url);
    await boss.createQueue('raw-drain');
    for (let offset = 0; offset < DRAIN_JOBS; offset += BATCH) {
      await boss.insert('raw-drain', Array.from({ length: Math.min(BATCH, DRAIN_JOBS - offset) }, (_, index) => ({ data: { sequence: offset + index } })));
    }
    // pg-boss's best drain: big fetches, completed together, several fetch loops at once.
    await boss.work('raw-drain', { batchSize: 100, localConcurrency: 4, pollingIntervalSeconds: 0.5 }, async () => undefined);
    const rawSeconds = await until(stack.database.url, `SELECT count(*) AS done FROM pgboss.job WHERE name = 'raw-drain' AND state = 'completed'`, DRAIN_JOBS);
    await boss.stop({ graceful: false });
    return { platform, raw: DRAIN_JOBS / rawSeconds, workerRss };
  } finally {
    await stack.stop();
  }
}

/** Open-loop submits at `rate` per second for LATENCY_SECONDS; submit → start and → finish from the database's own times. */
async function latencyAt(rate) {
  const stack = await startStack({ workers: 0, apiEnv: ENV });
  try {
    await stack.startWorker({ ...ENV, WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
    const client = stack.client.withToken(mintToken({ sub: uniqueSubject('latency') }, { expiresIn: '2h' }));
    const total = Math.round(rate * LATENCY_SECONDS);
    const startedAt = performance.now();
    const sends = [];
    for (let sequence = 0; sequence < total; sequence += 1) {
      const due = startedAt + (sequence * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      sends.push(client.post('/v1/jobs', noop(sequence)));
    }
    await Promise.all(sends);
    await until(stack.database.url, `SELECT count(*) AS done FROM jobs WHERE status = 'COMPLETED'`, total, 300);
    const platform = await query(
      stack.database.url,
      `SELECT extract(epoch FROM started_at - created_at) * 1000 AS to_start, extract(epoch FROM finished_at - created_at) * 1000 AS to_finish FROM jobs`,
    );
    const boss = await rawBoss(stack.database.url, { useListenNotify: true });
    await boss.createQueue('raw-latency', { notify: true });
    await boss.work('raw-latency', { batchSize: 1, localConcurrency: WORKER_CONCURRENCY, pollingIntervalSeconds: 0.5 }, async () => undefined);
    const rawStartedAt = performance.now();
    const rawSends = [];
    for (let sequence = 0; sequence < total; sequence += 1) {
      const wait = rawStartedAt + (sequence * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      rawSends.push(boss.send('raw-latency', { sequence }));
    }
    await Promise.all(rawSends);
    await until(stack.database.url, `SELECT count(*) AS done FROM pgboss.job WHERE name = 'raw-latency' AND state = 'completed'`, total, 300);
    await boss.stop({ graceful: false });
    const raw = await query(
      stack.database.url,
      `SELECT extract(epoch FROM started_on - created_on) * 1000 AS to_start, extract(epoch FROM completed_on - created_on) * 1000 AS to_finish
         FROM pgboss.job WHERE name = 'raw-latency'`,
    );
    const pick = (rows, key) => rows.map((row) => Number(row[key]));
    return { platform: { toStart: pick(platform, 'to_start'), toFinish: pick(platform, 'to_finish') }, raw: { toStart: pick(raw, 'to_start'), toFinish: pick(raw, 'to_finish') } };
  } finally {
    await stack.stop();
  }
}

const server = await startTestPostgres();
try {
  const rows = { submit: [], batch: [], drain: [] };
  let apiRss = 0;
  let workerRss = 0;
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    const stack = await startStack({ workers: 0, apiEnv: ENV });
    try {
      const token = mintToken({ sub: uniqueSubject('load') }, { expiresIn: '2h' });
      rows.submit.push(await submitThroughput(stack, token));
      rows.batch.push(await batchThroughput(stack, token));
      apiRss = Math.max(apiRss, rssMiB(stack.api.process.pid));
    } finally {
      await stack.stop();
    }
    const drained = await drainThroughput();
    rows.drain.push(drained);
    workerRss = Math.max(workerRss, drained.workerRss);
    console.error(`repetition ${repetition}: ${JSON.stringify({ submit: rows.submit.at(-1), batch: rows.batch.at(-1), drain: rows.drain.at(-1) })}`);
  }

  const drainRate = spread(rows.drain.map((row) => row.platform)).median;
  const latency = await latencyAt(drainRate / 2);

  console.log(`${REPETITIONS} repetitions; median (min–max). Machine: ${(await import('node:os')).cpus().length} vCPU, PostgreSQL 18 on the same host, Node ${process.version}.`);
  console.log(`Worker: one process, WORKER_CONCURRENCY=${WORKER_CONCURRENCY}; API and workers log at the default level (info: a line per request and per job).\n`);
  console.log('| measure | platform | raw pg-boss | ratio | target |');
  console.log('|---|---|---|---|---|');
  const line = (label, key, target) => {
    const ours = spread(rows[key].map((row) => row.platform));
    const theirs = spread(rows[key].map((row) => row.raw));
    const ratios = spread(rows[key].map((row) => row.platform / row.raw));
    console.log(`| ${label} | ${format(ours)} jobs/s | ${format(theirs)} jobs/s | ${format(ratios, 2)} | ${target} |`);
  };
  line(`submit, POST /v1/jobs, ${CONNECTIONS} connections vs ${CONNECTIONS} send() callers`, 'submit', '≥ 0.5');
  line(`batch, POST /v1/jobs/batch of ${BATCH}, ${BATCH_CONNECTIONS} connections vs insert() of ${BATCH}`, 'batch', '≥ 0.5');
  line(`drain ${DRAIN_JOBS} no-op jobs, one worker vs work() batchSize 100`, 'drain', '≥ 0.3');

  const summary = (values) => `${percentile(values, 50).toFixed(1)} / ${percentile(values, 99).toFixed(1)}`;
  console.log(`\nLatency at half the median drain rate (${(drainRate / 2).toFixed(0)} jobs/s for ${LATENCY_SECONDS} s, one worker):\n`);
  console.log('| measure | platform p50 / p99 (ms) | raw pg-boss p50 / p99 (ms) | p50 ratio |');
  console.log('|---|---|---|---|');
  for (const [label, key] of [['submit → start', 'toStart'], ['submit → completion', 'toFinish']]) {
    const ratio = percentile(latency.platform[key], 50) / Math.max(0.1, percentile(latency.raw[key], 50));
    console.log(`| ${label} | ${summary(latency.platform[key])} | ${summary(latency.raw[key])} | ${ratio.toFixed(2)}× |`);
  }
  console.log(`\nMemory after the runs: API ${apiRss.toFixed(0)} MiB RSS, worker ${workerRss.toFixed(0)} MiB RSS (target < 200 MiB each).`);
} finally {
  await server.stop();
}

// Throughput of the platform against raw pg-boss on the same PostgreSQL in the same run:
// single submits (autocannon, 64 connections, vs 64 concurrent send() callers), batch submits
// (1000 jobs a request vs insert() of the same batches), draining N no-op jobs with one worker (vs
// pg-boss work() at the fastest of several settings, burst fetching on), how fast a worker started
// on that backlog gets going, latency at a steady 50 jobs/s and at half the sustained rate, and
// memory. Usage: pnpm bench:throughput [drainJobs=50000]   BENCH_REPETITIONS (3), BENCH_SECONDS (10),
// BENCH_WORKER_CONCURRENCY (250), BENCH_ONLY=submit,batch,drain (a subset; the steady latency needs
// drain or `latency`, the latency at half the sustained rate and memory need all three; otherwise
// BENCH_LATENCY_RATE names the second load's rate: BENCH_ONLY=latency BENCH_LATENCY_RATE=520 runs
// the two latency loads alone), BENCH_SAMPLE_WAITS=1 (print what PostgreSQL's sessions wait for
// during the latency loads, sampled from pg_stat_activity), BENCH_API_NODE_OPTIONS
// and BENCH_WORKER_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the API under
// the submit and batch loads, or the worker while it drains).
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { API_ENV, BENCH_JOBS_ENV, FINISHED_JOBS, noop, workerEnv } from './noop-load.mjs';
import { readFileSync } from 'node:fs';
import { cannon, closedLoop, format, measuringCpu, percentile, query, spread, timeline } from './measures.mjs';
import { platformDrain, platformSubmit } from './platform-load.mjs';
import { bestRawDrain, RAW_DRAIN_SETTINGS, rawSubmit, withRawBoss } from './raw-pg-boss.mjs';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DRAIN_JOBS = Number(process.argv[2] ?? 50_000);
const CONNECTIONS = 64;
const BATCH = 1000;
const BATCH_CONNECTIONS = 4;
const LATENCY_SECONDS = 20;
const STEADY_RATE = 50;
const MAX_IN_FLIGHT = 256;
/** Latency measures, each from the submission (the insert statement's start): label, key, column of latencyAt's queries. */
const LATENCY_STAGES = [
  ['submit → fetched (pg-boss)', 'toFetch', 'to_fetch'],
  ['submit → claimed (`started_at`)', 'toStart', 'to_start'],
  ['submit → handler starts', 'toHandler', 'to_handler'],
  ['submit → completion', 'toFinish', 'to_finish'],
];
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 250);
const WORKER_ENV = workerEnv(WORKER_CONCURRENCY);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'submit,batch,drain').split(','));
const EVERYTHING = ['submit', 'batch', 'drain'].every((measure) => ONLY.has(measure));
/** Without all three measures, the rate of the second latency load (0: none). */
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE ?? 0);

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function submitThroughput(stack, token) {
  const platform = await platformSubmit(stack, token, CONNECTIONS, SECONDS);
  const raw = await rawSubmit(CONNECTIONS, SECONDS);
  return { platform: platform.rate, raw: raw.rate, cpu: { platform: platform.cpu, raw: raw.cpu } };
}

async function batchThroughput(stack, token) {
  const body = JSON.stringify({ jobs: Array.from({ length: BATCH }, (_, index) => noop(index)) });
  const platform = await measuringCpu(stack.api.process.pid, async () => {
    const result = await cannon({
      duration: SECONDS,
      url: `${stack.api.url}/v1/jobs/batch`,
      method: 'POST',
      connections: BATCH_CONNECTIONS,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`batch: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rate: (result['2xx'] * BATCH) / SECONDS, jobs: result['2xx'] * BATCH };
  });
  const jobs = Array.from({ length: BATCH }, (_, sequence) => ({ data: { sequence } }));
  const raw = await withRawBoss({}, async (boss) => {
    await boss.createQueue('raw-batch');
    return measuringCpu(null, async () => {
      const rate = (await closedLoop(BATCH_CONNECTIONS, SECONDS, () => boss.insert('raw-batch', jobs))) * BATCH;
      return { rate, jobs: rate * SECONDS };
    });
  });
  return { platform: platform.rate, raw: raw.rate, cpu: { platform: platform.cpu, raw: raw.cpu } };
}

/** Jobs done in the first second after the first one was, from a timeline. */
function firstSecondRate(samples) {
  const first = samples.find(([, done]) => done > 0);
  if (!first) return 0;
  const later = samples.find(([seconds]) => seconds >= first[0] + 1) ?? samples.at(-1);
  return (later[1] - first[1]) / Math.max(0.1, later[0] - first[0]);
}

async function drainThroughput() {
  const stack = await startStack({ workers: 0, apiEnv: BENCH_JOBS_ENV });
  try {
    const { worker, samples, ...platform } = await platformDrain(stack, DRAIN_JOBS, BATCH, WORKER_ENV);
    const workerRss = rssMiB(worker.pid);
    await worker.stop();

    const { best: raw, all: raws } = await bestRawDrain(DRAIN_JOBS, BATCH);
    return {
      platform: platform.rate,
      raw: raw.rate,
      rawSettings: raw.settings,
      rawRates: raws.map((candidate) => ({ settings: candidate.settings, rate: candidate.rate })),
      firstSecond: firstSecondRate(samples),
      cpu: { platform: platform.cpu, raw: raw.cpu },
      workerRss,
    };
  } finally {
    await stack.stop();
  }
}

/** Open-loop submits at `rate` per second for LATENCY_SECONDS; submit → start and → finish from the database's own times. */
async function latencyAt(rate) {
  const stack = await startStack({ workers: 0, apiEnv: BENCH_JOBS_ENV });
  try {
    await stack.startWorker(WORKER_ENV);
    const client = stack.client.withToken(mintToken({ sub: uniqueSubject('latency') }, { expiresIn: '2h' }));
    const total = Math.round(rate * LATENCY_SECONDS);
    const startedAt = performance.now();
    // Open loop, but with at most MAX_IN_FLIGHT requests (and sockets) open: the latencies are read
    // from the database's own times, so a request waiting here is not counted against the platform.
    const sends = new Set();
    // With BENCH_SAMPLE_WAITS, what the database's sessions wait for during the load, sampled every 20 ms.
    const waits = new Map();
    let sampling = Boolean(process.env.BENCH_SAMPLE_WAITS);
    const sampler = (async () => {
      if (!sampling) return;
      const db = new pg.Client({ connectionString: stack.database.url });
      await db.connect();
      while (sampling) {
        const { rows } = await db.query(
          `SELECT application_name AS app, coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait, regexp_replace(left(query, 60), '\\s+', ' ', 'g') AS statement
             FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
        );
        for (const row of rows) {
          const key = `${row.wait} | ${row.app || '(Prisma)'} | ${row.statement}`;
          waits.set(key, (waits.get(key) ?? 0) + 1);
        }
        await sleep(20);
      }
      await db.end();
    })();
    for (let sequence = 0; sequence < total; sequence += 1) {
      const due = startedAt + (sequence * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (sends.size >= MAX_IN_FLIGHT) await Promise.race(sends);
      const send = client.post('/v1/jobs', noop(sequence)).finally(() => sends.delete(send));
      sends.add(send);
    }
    await Promise.all(sends);
    sampling = false;
    await sampler;
    if (waits.size > 0) console.error(`Waits sampled at ${rate} jobs/s (samples | wait | session | statement):\n${[...waits].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, count]) => `  ${count} ${key}`).join('\n')}`);
    await timeline(stack.database.url, FINISHED_JOBS, total, 300);
    // Stages, each from a time taken when it began: the job row's and queue entry's insert (created_at),
    // pg-boss's fetch (the entry's started_on), our claim (started_at), the handler (its result says when).
    const platform = await query(
      stack.database.url,
      `SELECT extract(epoch FROM q.started_on - j.created_at) * 1000 AS to_fetch,
              extract(epoch FROM j.started_at - j.created_at) * 1000 AS to_start,
              (r.data->>'handlerStartedAt')::float8 - extract(epoch FROM j.created_at) * 1000 AS to_handler,
              extract(epoch FROM j.finished_at - j.created_at) * 1000 AS to_finish
         FROM jobs j JOIN pgboss.job q ON q.id = j.queue_job_id JOIN results r ON r.job_id = j.id`,
    );
    const raw = await withRawBoss({ useListenNotify: true }, async (boss, url) => {
      await boss.createQueue('raw-latency', { notify: true });
      // pg-boss wakes every local worker on each NOTIFY: past 16 they only add empty fetches.
      const handlerStartedAt = new Map();
      await boss.work('raw-latency', { batchSize: 1, localConcurrency: Math.min(WORKER_CONCURRENCY, 16), pollingIntervalSeconds: 0.5 }, async ([job]) => {
        handlerStartedAt.set(job.id, performance.timeOrigin + performance.now());
      });
      const rawStartedAt = performance.now();
      const rawSends = [];
      for (let sequence = 0; sequence < total; sequence += 1) {
        const wait = rawStartedAt + (sequence * 1000) / rate - performance.now();
        if (wait > 1) await sleep(wait);
        rawSends.push(boss.send('raw-latency', { sequence }));
      }
      await Promise.all(rawSends);
      // Raw pg-boss fetching one entry at a time may fall behind at high rates: its figures then cover the jobs it completed.
      await timeline(url, `SELECT count(*) AS done FROM pgboss.job WHERE name = 'raw-latency' AND state = 'completed'`, total, 30).catch((error) =>
        console.error(`raw pg-boss at ${rate} jobs/s: ${error.message}`),
      );
      const rows = await query(
        url,
        `SELECT id, extract(epoch FROM started_on - created_on) * 1000 AS to_start, extract(epoch FROM completed_on - created_on) * 1000 AS to_finish,
                extract(epoch FROM created_on) * 1000 AS created
           FROM pgboss.job WHERE name = 'raw-latency' AND state = 'completed'`,
      );
      return rows.map((row) => ({ ...row, to_fetch: row.to_start, to_handler: handlerStartedAt.get(row.id) - Number(row.created) }));
    });
    const pick = (rows, key) => rows.map((row) => Number(row[key]));
    const stages = (rows) => Object.fromEntries(LATENCY_STAGES.map(([, key, column]) => [key, pick(rows, column)]));
    return { rate, platform: stages(platform), raw: stages(raw) };
  } finally {
    await stack.stop();
  }
}

const server = await startTestPostgres();
try {
  const rows = { submit: [], batch: [], drain: [] };
  let apiRss = 0;
  let workerRss = 0;
  for (let repetition = 1; repetition <= REPETITIONS && ['submit', 'batch', 'drain'].some((measure) => ONLY.has(measure)); repetition += 1) {
    const stack = await startStack({ workers: 0, apiEnv: API_ENV });
    try {
      const token = mintToken({ sub: uniqueSubject('load') }, { expiresIn: '2h' });
      if (ONLY.has('submit')) rows.submit.push(await submitThroughput(stack, token));
      if (ONLY.has('batch')) rows.batch.push(await batchThroughput(stack, token));
      apiRss = Math.max(apiRss, rssMiB(stack.api.process.pid));
    } finally {
      await stack.stop();
    }
    if (ONLY.has('drain')) {
      const drained = await drainThroughput();
      rows.drain.push(drained);
      workerRss = Math.max(workerRss, drained.workerRss);
    }
    console.error(`repetition ${repetition}: ${JSON.stringify({ submit: rows.submit.at(-1), batch: rows.batch.at(-1), drain: rows.drain.at(-1) })}`);
  }

  // Half of what the platform sustains end to end: jobs are submitted one by one, so the lower of the
  // single-submit and drain rates.
  const sustained = EVERYTHING ? Math.min(...['submit', 'drain'].map((key) => spread(rows[key].map((row) => row.platform)).median)) : 2 * LATENCY_RATE;
  const steady = ONLY.has('drain') || ONLY.has('latency') ? await latencyAt(STEADY_RATE) : undefined;
  const latency = sustained > 0 ? await latencyAt(sustained / 2) : undefined;

  console.log(`${REPETITIONS} repetitions; median (min–max). Machine: ${(await import('node:os')).cpus().length} vCPU, PostgreSQL on the same host, Node ${process.version}.`);
  console.log(`Worker: one process, WORKER_CONCURRENCY=${WORKER_CONCURRENCY}; API and workers log at the default level (info: a line per request and per job).`);
  for (const [app, options] of [['API', API_ENV.NODE_OPTIONS], ['worker', WORKER_ENV.NODE_OPTIONS]]) if (options) console.log(`${app} NODE_OPTIONS: ${options}`);
  console.log('');
  console.log('| measure | platform | raw pg-boss | ratio | target |');
  console.log('|---|---|---|---|---|');
  const line = (label, key, target) => {
    if (!ONLY.has(key)) return;
    const ours = spread(rows[key].map((row) => row.platform));
    const theirs = spread(rows[key].map((row) => row.raw));
    const ratios = spread(rows[key].map((row) => row.platform / row.raw));
    console.log(`| ${label} | ${format(ours)} jobs/s | ${format(theirs)} jobs/s | ${format(ratios, 2)} | ${target} |`);
  };
  line(`submit, POST /v1/jobs, ${CONNECTIONS} connections vs ${CONNECTIONS} send() callers`, 'submit', '≥ 0.7');
  line(`batch, POST /v1/jobs/batch of ${BATCH}, ${BATCH_CONNECTIONS} connections vs insert() of ${BATCH}`, 'batch', '≥ 0.5');
  line(`drain ${DRAIN_JOBS} no-op jobs, one worker vs work() at its best`, 'drain', '≥ 0.25');

  if (ONLY.has('drain')) {
    console.log('\nRaw pg-boss drains, every setting tried, jobs/s per repetition (the fastest is the baseline):\n');
    for (const settings of RAW_DRAIN_SETTINGS) {
      const rates = rows.drain.map((row) => row.rawRates.find((candidate) => candidate.settings === settings)?.rate ?? 0);
      console.log(`- \`work({ batchSize: ${settings.batchSize}, localConcurrency: ${settings.localConcurrency}, burstWhenBatchFull: true })\`: ${rates.map((rate) => rate.toFixed(0)).join(', ')}`);
    }
    const firstSecond = spread(rows.drain.map((row) => row.firstSecond));
    console.log(`\nWorker started on a backlog of ${DRAIN_JOBS}: jobs completed in the first second after its first completion ${format(firstSecond)} jobs/s, against ${format(spread(rows.drain.map((row) => row.platform)))} jobs/s over the whole drain.`);
  }

  console.log('\nCPU per job in the same runs, median over the repetitions (ms; the machine has 2 vCPUs, so 1000 ms of CPU a second is one core):\n');
  console.log('| measure | platform: API or worker | platform: PostgreSQL | platform: load generator | raw: PostgreSQL | raw: pg-boss and its callers |');
  console.log('|---|---|---|---|---|---|');
  for (const key of ['submit', 'batch', 'drain']) {
    if (!ONLY.has(key)) continue;
    const cpu = (side, part) => spread(rows[key].map((row) => row.cpu[side][part])).median.toFixed(3);
    console.log(`| ${key} | ${cpu('platform', 'app')} | ${cpu('platform', 'postgres')} | ${cpu('platform', 'generator')} | ${cpu('raw', 'postgres')} | ${cpu('raw', 'generator')} |`);
  }

  for (const [title, measured] of [
    [`a steady ${STEADY_RATE} jobs/s (target: submit → completion p95 < 100 ms)`, steady],
    [EVERYTHING ? `half the sustained rate, the lower of the median submit and drain rates (${(sustained / 2).toFixed(0)} jobs/s)` : `${LATENCY_RATE} jobs/s (BENCH_LATENCY_RATE)`, latency],
  ]) {
    if (!measured) continue;
    const summary = (values) => `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)} / ${percentile(values, 99).toFixed(1)}`;
    console.log(`\nLatency at ${title}, submitted one by one for ${LATENCY_SECONDS} s, one worker:\n`);
    console.log('| measure | platform p50 / p95 / p99 (ms) | raw pg-boss p50 / p95 / p99 (ms) |');
    console.log('|---|---|---|');
    for (const [label, key] of LATENCY_STAGES) console.log(`| ${label} | ${summary(measured.platform[key])} | ${summary(measured.raw[key])} |`);
  }
  const memory = [ONLY.has('submit') || ONLY.has('batch') ? `API ${apiRss.toFixed(0)} MiB RSS` : '', ONLY.has('drain') ? `worker ${workerRss.toFixed(0)} MiB RSS` : ''];
  console.log(`\nMemory after the runs: ${memory.filter(Boolean).join(', ')} (default Node settings, no memory limit: bench:memory measures inside one).`);
} finally {
  await server.stop();
}

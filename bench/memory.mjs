// Memory of the API and the worker under the throughput loads, unconfined and each inside a memory
// limit, in one run: single submits (autocannon, 64 connections), batch submits (1000 jobs a request,
// 4 connections), and one worker draining N no-op jobs. Every process starts inside a cgroup v1
// memory cgroup of its own (this machine has no cgroup v2 memory controller, and systemd-run does not
// work here); the unconfined run's cgroups have no limit, so both runs read the same counters. The
// ratio of each load's throughput confined / unconfined is the figure (target: > 0.9, no OOM kill).
// Runs as root. Usage: pnpm bench:memory [drainJobs=50000]   BENCH_REPETITIONS (3), BENCH_SECONDS
// (10), BENCH_MEMORY_LIMIT_MIB (256), BENCH_WORKER_CONCURRENCY (250), BENCH_API_NODE_OPTIONS and
// BENCH_WORKER_NODE_OPTIONS (for both runs; unset: Node's defaults).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { API_ENV, BENCH_JOBS_ENV, FINISHED_JOBS, noop, submitBacklog, workerEnv } from './noop-load.mjs';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LIMIT_MIB = Number(process.env.BENCH_MEMORY_LIMIT_MIB ?? 256);
const DRAIN_JOBS = Number(process.argv[2] ?? 50_000);
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 250);
const CONNECTIONS = 64;
const BATCH = 1000;
const BATCH_CONNECTIONS = 4;
/** How long a freshly started process is left alone before its idle RSS is read. */
const IDLE_SECONDS = 5;
const MEMORY_HIERARCHY = '/sys/fs/cgroup/memory';
const WORKER_ENV = workerEnv(WORKER_CONCURRENCY);
const MiB = 1024 * 1024;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const range = (values, digits = 0) =>
  values.length === 1 ? median(values).toFixed(digits) : `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/** A process's current and peak RSS (MiB) from /proc; the peak is reset by `resetPeak`. */
const statusMiB = (pid, field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const rss = (pid) => statusMiB(pid, 'VmRSS');
const peakRss = (pid) => statusMiB(pid, 'VmHWM');
const resetPeak = (pid) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

/** A memory cgroup that this run made (and removes, even on failure), with or without a limit. */
class MemoryCgroup {
  static made = new Set();

  constructor(label, limitMiB) {
    this.path = `${MEMORY_HIERARCHY}/jobs-bench-memory-${process.pid}-${label}`;
    mkdirSync(this.path);
    MemoryCgroup.made.add(this);
    if (limitMiB) writeFileSync(`${this.path}/memory.limit_in_bytes`, String(limitMiB * MiB));
    this.oomKillsAtReset = this.oomKills();
  }

  read(file) {
    return readFileSync(`${this.path}/${file}`, 'utf8');
  }

  stat(key) {
    return Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(this.read('memory.stat'))?.[1] ?? 0) / MiB;
  }

  oomKills() {
    return Number(/^oom_kill (\d+)$/m.exec(this.read('memory.oom_control'))?.[1] ?? 0);
  }

  /** Peak usage (RSS and page cache, as v1 charges both), limit hits and OOM kills since the last reset (or creation). */
  counters() {
    return {
      peak: Number(this.read('memory.max_usage_in_bytes')) / MiB,
      failcnt: Number(this.read('memory.failcnt')),
      oomKills: this.oomKills() - this.oomKillsAtReset,
      rss: this.stat('rss'),
      cache: this.stat('cache'),
    };
  }

  reset() {
    writeFileSync(`${this.path}/memory.max_usage_in_bytes`, '0');
    writeFileSync(`${this.path}/memory.failcnt`, '0');
    this.oomKillsAtReset = this.oomKills();
  }

  /** Removes the cgroup once its processes are gone (its remaining page cache moves to the parent). */
  async remove() {
    for (let attempt = 0; existsSync(this.path); attempt += 1) {
      try {
        rmdirSync(this.path);
      } catch (error) {
        if (attempt >= 100) throw new Error(`could not remove ${this.path}: ${error.message}`);
        await sleep(100);
      }
    }
    MemoryCgroup.made.delete(this);
  }

  static async removeAll() {
    for (const cgroup of MemoryCgroup.made) await cgroup.remove().catch((error) => console.error(error.message));
  }
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Runs a load against the API in `cgroup`; its rate, the API's peak RSS and the cgroup's counters
 * during it. An API the kernel killed is a result (rate 0, its OOM kills counted), not a failure.
 */
async function underLoad(side, load) {
  const { api } = side.stack;
  if (!api.process.isRunning) return { rate: 0, killed: true, peakRss: 0, rssAfter: 0, peak: 0, failcnt: 0, oomKills: 0, rss: 0, cache: 0 };
  resetPeak(api.process.pid);
  side.cgroup.reset();
  const rate = await load(api.url).catch((error) => {
    if (api.process.isRunning) throw new Error(`${side.label}: ${error.message}`);
    return 0;
  });
  if (!api.process.isRunning) {
    console.error(`the API (${side.label}) died under load, OOM kills: ${side.cgroup.oomKills()}:\n${api.process.logs().slice(-1000)}`);
    return { rate: 0, killed: true, peakRss: 0, rssAfter: 0, ...side.cgroup.counters() };
  }
  return { rate, peakRss: peakRss(api.process.pid), rssAfter: rss(api.process.pid), ...side.cgroup.counters() };
}

/** Starts one stack per setting (the API in a cgroup of the setting), runs `work` on them and removes them all. */
async function withStacks(settings, app, options, work) {
  const sides = [];
  try {
    for (const { label, limitMiB } of settings) {
      const cgroup = new MemoryCgroup(`${label}-${app}`, limitMiB);
      const side = { label, cgroup, heapLimit: heapLimitMiB(cgroup, app === 'api' ? API_ENV.NODE_OPTIONS : WORKER_ENV.NODE_OPTIONS) };
      sides.push(side);
      side.stack = await startStack(options(cgroup));
    }
    return await work(sides);
  } finally {
    for (const side of sides) {
      await side.stack?.stop();
      await side.cgroup.remove();
    }
  }
}

/**
 * The submit and batch loads against one API per setting, the settings taking turns load by load (in
 * `settings` order), so that a busier minute of the shared machine falls on both sides of a ratio.
 */
async function apiLoads(settings) {
  return withStacks(settings, 'api', (cgroup) => ({ workers: 0, apiEnv: API_ENV, apiCgroup: cgroup.path }), async (sides) => {
    await sleep(IDLE_SECONDS * 1000);
    const results = sides.map((side) => ({ label: side.label, heapLimit: side.heapLimit, idle: rss(side.stack.api.process.pid) }));
    const token = mintToken({ sub: uniqueSubject('memory') }, { expiresIn: '2h' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const [index, side] of sides.entries()) {
      results[index].submit = await underLoad(side, async (url) => {
        const result = await cannon({ url: `${url}/v1/jobs`, method: 'POST', connections: CONNECTIONS, headers, body: JSON.stringify(noop(1)) });
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`submit: ${result.non2xx} non-2xx, ${result.errors} errors`);
        return result['2xx'] / SECONDS;
      });
    }
    const body = JSON.stringify({ jobs: Array.from({ length: BATCH }, (_, index) => noop(index)) });
    for (const [index, side] of sides.entries()) {
      results[index].batch = await underLoad(side, async (url) => {
        const result = await cannon({ url: `${url}/v1/jobs/batch`, method: 'POST', connections: BATCH_CONNECTIONS, headers, body });
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`batch: ${result.non2xx} non-2xx, ${result.errors} errors`);
        return (result['2xx'] * BATCH) / SECONDS;
      });
    }
    return results;
  });
}

/** V8's heap limit (MiB) for a Node process started inside `cgroup` with `nodeOptions`, as it reports it itself. */
function heapLimitMiB(cgroup, nodeOptions) {
  const script = `process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))`;
  const probe = spawnSync('/bin/sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$1" -e "$2"', cgroup.path, process.execPath, script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
  });
  if (probe.status !== 0) throw new Error(`heap probe failed: ${probe.stderr}`);
  return Number(probe.stdout) / MiB;
}

class WorkerDied extends Error {}

/** One worker per setting (in a cgroup of the setting) drains DRAIN_JOBS queued jobs, one after the other. */
async function drains(settings) {
  return withStacks(settings, 'worker', (cgroup) => ({ workers: 0, apiEnv: BENCH_JOBS_ENV, workerCgroup: cgroup.path }), async (sides) => {
    const results = [];
    for (const side of sides) {
      const { stack } = side;
      // Idle: a worker on an empty queue, stopped before the backlog is submitted.
      const idleWorker = await stack.startWorker(WORKER_ENV);
      await sleep(IDLE_SECONDS * 1000);
      const idle = rss(idleWorker.pid);
      await idleWorker.stop();
      stack.workers.splice(stack.workers.indexOf(idleWorker), 1);
      const client = stack.client.withToken(mintToken({ sub: uniqueSubject('drain') }, { expiresIn: '2h' }));
      await submitBacklog(client, DRAIN_JOBS, BATCH);
      results.push({ label: side.label, heapLimit: side.heapLimit, idle });
    }
    for (const [index, { stack, cgroup, label }] of sides.entries()) {
      cgroup.reset();
      const worker = await stack.startWorker(WORKER_ENV);
      const seconds = await finished(stack.database.url, DRAIN_JOBS, () => {
        if (!worker.isRunning) throw new WorkerDied(`the worker (${label}) died while draining, OOM kills: ${cgroup.oomKills()}:\n${worker.logs().slice(-1000)}`);
      }).catch((error) => {
        if (!(error instanceof WorkerDied)) throw error;
        console.error(error.message);
        return Infinity;
      });
      results[index].drain = worker.isRunning
        ? { rate: DRAIN_JOBS / seconds, peakRss: peakRss(worker.pid), rssAfter: rss(worker.pid), ...cgroup.counters() }
        : { rate: 0, killed: true, peakRss: 0, rssAfter: 0, ...cgroup.counters() };
      await worker.stop();
    }
    return results;
  });
}

/** Seconds until `count` jobs are done, polled every 250 ms; `check` runs at each poll. */
async function finished(url, count, check, timeoutSeconds = 1800) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const startedAt = performance.now();
  try {
    for (;;) {
      check();
      const [{ done, failed }] = (await client.query(FINISHED_JOBS)).rows;
      if (Number(failed) > 0) throw new Error(`${failed} jobs failed; a benchmark counts only jobs that complete`);
      const seconds = (performance.now() - startedAt) / 1000;
      if (Number(done) >= count) return seconds;
      if (seconds > timeoutSeconds) throw new Error(`only ${done} of ${count} done in ${timeoutSeconds} s`);
      await sleep(250);
    }
  } finally {
    await client.end();
  }
}

const SETTINGS = [
  { label: 'unconfined', limitMiB: 0 },
  { label: `${LIMIT_MIB}mib`, limitMiB: LIMIT_MIB },
];

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // The stacks stop and the cgroups go in the finally blocks; a second signal exits at once.
    console.error(`${signal}: stopping`);
    MemoryCgroup.removeAll().finally(() => process.exit(130));
  });
}

const server = await startTestPostgres();
const runs = Object.fromEntries(SETTINGS.map(({ label }) => [label, []]));
try {
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    // Which setting goes first alternates between repetitions.
    const order = repetition % 2 === 1 ? SETTINGS : [...SETTINGS].reverse();
    const api = await apiLoads(order);
    const worker = await drains(order);
    for (const { label } of SETTINGS) {
      const run = { api: api.find((side) => side.label === label), worker: worker.find((side) => side.label === label) };
      runs[label].push(run);
      console.error(`repetition ${repetition}, ${label}: ${JSON.stringify(run)}`);
    }
  }
} finally {
  await MemoryCgroup.removeAll();
  await server.stop();
}

const [unconfined, confined] = SETTINGS.map(({ label }) => runs[label]);
const options = [['API', API_ENV.NODE_OPTIONS], ['worker', WORKER_ENV.NODE_OPTIONS]]
  .map(([app, value]) => `${app} NODE_OPTIONS: ${value ?? '(none: Node\'s defaults)'}`)
  .join('; ');
console.log(`${REPETITIONS} repetitions, the two settings alternating; median (min–max). Machine: ${(await import('node:os')).cpus().length} vCPU, PostgreSQL on the same host, Node ${process.version}.`);
console.log(`${options}. Worker: WORKER_CONCURRENCY=${WORKER_CONCURRENCY}; drain of ${DRAIN_JOBS} no-op jobs. Idle: ${IDLE_SECONDS} s after start.`);
console.log('');
console.log(`| process, load | unconfined jobs/s | ${LIMIT_MIB} MiB jobs/s | ratio | peak RSS unconfined / confined (MiB) | cgroup peak unconfined / confined (MiB) | confined: failcnt, OOM kills |`);
console.log('|---|---|---|---|---|---|---|');
const loads = [
  ['API, submit (64 connections)', (run) => run.api.submit],
  [`API, batch of ${BATCH} (${BATCH_CONNECTIONS} connections)`, (run) => run.api.batch],
  ['worker, drain', (run) => run.worker.drain],
];
for (const [label, pick] of loads) {
  const values = (runsOf, key) => runsOf.map((run) => pick(run)[key]);
  const ratios = confined.map((run, index) => pick(run).rate / pick(unconfined[index]).rate);
  console.log(
    `| ${label} | ${range(values(unconfined, 'rate'))} | ${range(values(confined, 'rate'))} | ${range(ratios, 2)} | ${range(values(unconfined, 'peakRss'))} / ${range(values(confined, 'peakRss'))} | ${range(values(unconfined, 'peak'))} / ${range(values(confined, 'peak'))} | ${Math.max(...values(confined, 'failcnt'))}, ${values(confined, 'oomKills').reduce((a, b) => a + b, 0)} |`,
  );
}
console.log('');
console.log('| process | V8 heap limit unconfined / confined (MiB) | idle RSS unconfined / confined (MiB) | RSS after the loads unconfined / confined (MiB) | confined cgroup after the loads: rss / cache (MiB) |');
console.log('|---|---|---|---|---|');
for (const [label, idle, after, heap] of [
  ['API', (run) => run.api.idle, (run) => run.api.batch, (run) => run.api.heapLimit],
  ['worker', (run) => run.worker.idle, (run) => run.worker.drain, (run) => run.worker.heapLimit],
]) {
  console.log(
    `| ${label} | ${range(unconfined.map(heap))} / ${range(confined.map(heap))} | ${range(unconfined.map(idle))} / ${range(confined.map(idle))} | ${range(unconfined.map((run) => after(run).rssAfter))} / ${range(confined.map((run) => after(run).rssAfter))} | ${range(confined.map((run) => after(run).rss))} / ${range(confined.map((run) => after(run).cache))} |`,
  );
}

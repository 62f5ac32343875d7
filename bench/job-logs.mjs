// What job logs cost a worker: the same backlog of no-op jobs drained by one worker with each job
// logging LINES lines through its context's logger (process log and job log), against the same jobs
// logging them to the process log only, and logging none, in the same run (rotating the order, so
// drift hits all). Reports drain rates, their ratios, the worker's and PostgreSQL's CPU per job and
// the lines stored.
// Usage: pnpm bench:logs [jobs=20000]   BENCH_REPETITIONS (3), BENCH_LOG_LINES (10), BENCH_WORKER_CONCURRENCY (250)
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { BENCH_JOBS_ENV, FINISHED_JOBS, submitBacklog, workerEnv } from './noop-load.mjs';
import { cpuSeconds, postgresCpuSeconds } from './process-cpu.mjs';

const JOBS = Number(process.argv[2] ?? 20_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const LINES = Number(process.env.BENCH_LOG_LINES ?? 10);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 250);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

async function drain(payload) {
  const stack = await startStack({ workers: 0, apiEnv: BENCH_JOBS_ENV });
  try {
    const client = stack.client.withToken(mintToken({ sub: uniqueSubject('logs') }, { expiresIn: '2h' }));
    await submitBacklog(client, JOBS, 1000, payload);
    const db = new pg.Client({ connectionString: stack.database.url });
    await db.connect();
    const worker = await stack.startWorker(workerEnv(CONCURRENCY));
    const before = { worker: cpuSeconds(worker.pid), postgres: postgresCpuSeconds() };
    const startedAt = performance.now();
    try {
      for (;;) {
        const [{ done, failed }] = (await db.query(FINISHED_JOBS)).rows;
        if (Number(failed) > 0) throw new Error(`${failed} jobs failed`);
        if (Number(done) >= JOBS) break;
        await sleep(100);
      }
      const seconds = (performance.now() - startedAt) / 1000;
      const perJob = (cpu) => (cpu * 1000) / JOBS;
      const [{ lines }] = (await db.query('SELECT count(*)::int AS lines FROM job_logs')).rows;
      return { rate: JOBS / seconds, workerCpu: perJob(cpuSeconds(worker.pid) - before.worker), postgresCpu: perJob(postgresCpuSeconds() - before.postgres), lines };
    } finally {
      await db.end();
    }
  } finally {
    await stack.stop();
  }
}

const server = await startTestPostgres();
try {
  const VARIANTS = { quiet: {}, processLog: { logLines: LINES, processLogOnly: true }, jobLog: { logLines: LINES } };
  const runs = { quiet: [], processLog: [], jobLog: [] };
  const kinds = Object.keys(VARIANTS);
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    const order = kinds.map((_, index) => kinds[(index + repetition - 1) % kinds.length]);
    for (const kind of order) runs[kind].push(await drain(VARIANTS[kind]));
    console.error(`repetition ${repetition}: ${JSON.stringify(Object.fromEntries(kinds.map((kind) => [kind, runs[kind].at(-1)])))}`);
  }
  const ratio = (kind, baseline) => runs[kind].map((run, index) => run.rate / (runs[baseline][index]?.rate ?? run.rate));
  const ratioText = (values) => `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}; per repetition ${values.map((value) => value.toFixed(2)).join(', ')})`;
  console.log(`${REPETITIONS} repetitions, median (min–max); ${JOBS} bench.noop jobs drained by one worker, WORKER_CONCURRENCY=${CONCURRENCY}; ${(await import('node:os')).cpus().length} vCPU, PostgreSQL on the same host.\n`);
  console.log('| jobs | drain (jobs/s) | worker CPU per job (ms) | PostgreSQL CPU per job (ms) | lines stored |');
  console.log('|---|---|---|---|---|');
  for (const [label, kind] of [['log nothing', 'quiet'], [`log ${LINES} lines each, process log only`, 'processLog'], [`log ${LINES} lines each, process log and job log`, 'jobLog']]) {
    const list = runs[kind];
    console.log(`| ${label} | ${range(list.map((run) => run.rate))} | ${median(list.map((run) => run.workerCpu)).toFixed(2)} | ${median(list.map((run) => run.postgresCpu)).toFixed(2)} | ${median(list.map((run) => run.lines))} |`);
  }
  console.log(`\nDrain rate, job log / process log only: ${ratioText(ratio('jobLog', 'processLog'))}.`);
  console.log(`Drain rate, job log / logging nothing: ${ratioText(ratio('jobLog', 'quiet'))}.`);
} finally {
  await server.stop();
}

// What job logs cost a worker: the same backlog of no-op jobs drained by one worker with each job
// logging LINES lines through its context's logger, against the same jobs logging none, in the same
// run (alternating, so drift hits both). Reports drain rates, their ratio, the worker's and
// PostgreSQL's CPU per job and the lines stored.
// Usage: pnpm bench:logs [jobs=20000]   BENCH_REPETITIONS (3), BENCH_LOG_LINES (10), BENCH_WORKER_CONCURRENCY (250)
import { readdirSync, readFileSync } from 'node:fs';
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { BENCH_JOBS_ENV, FINISHED_JOBS, submitBacklog, workerEnv } from './noop-load.mjs';

const JOBS = Number(process.argv[2] ?? 20_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const LINES = Number(process.env.BENCH_LOG_LINES ?? 10);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 250);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};
const postgresCpuSeconds = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres');
      } catch {
        return false;
      }
    })
    .reduce((total, pid) => total + cpuSeconds(pid), 0);

async function drain(logLines) {
  const stack = await startStack({ workers: 0, apiEnv: BENCH_JOBS_ENV });
  try {
    const client = stack.client.withToken(mintToken({ sub: uniqueSubject('logs') }, { expiresIn: '2h' }));
    await submitBacklog(client, JOBS, 1000, logLines > 0 ? { logLines } : {});
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
  const runs = { quiet: [], logging: [] };
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    const order = repetition % 2 === 1 ? ['quiet', 'logging'] : ['logging', 'quiet'];
    for (const kind of order) runs[kind].push(await drain(kind === 'logging' ? LINES : 0));
    console.error(`repetition ${repetition}: ${JSON.stringify({ quiet: runs.quiet.at(-1), logging: runs.logging.at(-1) })}`);
  }
  const ratios = runs.logging.map((run, index) => run.rate / (runs.quiet[index]?.rate ?? run.rate));
  console.log(`${REPETITIONS} repetitions, median (min–max); ${JOBS} bench.noop jobs drained by one worker, WORKER_CONCURRENCY=${CONCURRENCY}; ${(await import('node:os')).cpus().length} vCPU, PostgreSQL on the same host.\n`);
  console.log('| jobs | drain (jobs/s) | worker CPU per job (ms) | PostgreSQL CPU per job (ms) | lines stored |');
  console.log('|---|---|---|---|---|');
  for (const [label, kind] of [['log nothing', 'quiet'], [`log ${LINES} lines each`, 'logging']]) {
    const list = runs[kind];
    console.log(`| ${label} | ${range(list.map((run) => run.rate))} | ${median(list.map((run) => run.workerCpu)).toFixed(2)} | ${median(list.map((run) => run.postgresCpu)).toFixed(2)} | ${median(list.map((run) => run.lines))} |`);
  }
  console.log(`\nDrain rate logging / not logging: ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}), per repetition ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}.`);
} finally {
  await server.stop();
}

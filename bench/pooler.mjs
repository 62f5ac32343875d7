// The platform straight on PostgreSQL against the same platform through a transaction-pooling
// PgBouncer (DATABASE_URL the pooler, DATABASE_DIRECT_URL PostgreSQL: unnamed statements, no
// synchronous_commit=off at a worker's connection start), in the same run, alternating: single
// submits (autocannon, 64 connections, for BENCH_SECONDS) with one worker running them, then the time
// until every submitted job is done. Usage: pnpm bench:pooler   BENCH_REPETITIONS (3), BENCH_SECONDS (10),
// BENCH_POOLER_SIZE (PgBouncer's server connections per database, 20).
import autocannon from 'autocannon';
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, PgBouncer, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { API_ENV, FINISHED_JOBS, noop, workerEnv } from './noop-load.mjs';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const POOLER_SIZE = Number(process.env.BENCH_POOLER_SIZE ?? 20);
const CONNECTIONS = 64;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function measure(mode) {
  let bouncer;
  const stack = await startStack({
    apiEnv: API_ENV,
    workerEnv: workerEnv(250),
    databaseEnv:
      mode === 'pgbouncer'
        ? async (url) => {
            bouncer = await PgBouncer.start({ serverUrl: url, poolSize: POOLER_SIZE });
            return { DATABASE_URL: bouncer.urlFor(url), DATABASE_DIRECT_URL: url };
          }
        : undefined,
  });
  const database = new pg.Client({ connectionString: stack.database.url });
  await database.connect();
  try {
    const token = mintToken({ sub: uniqueSubject('bench') });
    const started = performance.now();
    const result = await new Promise((resolve, reject) =>
      autocannon(
        {
          url: `${stack.api.url}/v1/jobs`,
          method: 'POST',
          connections: CONNECTIONS,
          duration: SECONDS,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(noop(1)),
        },
        (error, outcome) => (error ? reject(error) : resolve(outcome)),
      ),
    );
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    const submitted = result['2xx'];
    for (;;) {
      const { rows } = await database.query(FINISHED_JOBS);
      if (Number(rows[0].failed) > 0) throw new Error(`${mode}: jobs failed`);
      if (Number(rows[0].done) >= submitted) break;
      await sleep(100);
    }
    return { submits: submitted / SECONDS, done: submitted / ((performance.now() - started) / 1000) };
  } finally {
    await database.end();
    await stack.stop();
    await bouncer?.stop();
  }
}

const server = await startTestPostgres();
try {
  const runs = { direct: [], pgbouncer: [] };
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    for (const mode of repetition % 2 === 0 ? ['direct', 'pgbouncer'] : ['pgbouncer', 'direct']) {
      const run = await measure(mode);
      runs[mode].push(run);
      console.log(`${mode}: ${run.submits.toFixed(0)} submits/s, all done at ${run.done.toFixed(0)} jobs/s`);
    }
  }
  const direct = { submits: median(runs.direct.map((run) => run.submits)), done: median(runs.direct.map((run) => run.done)) };
  const pooled = { submits: median(runs.pgbouncer.map((run) => run.submits)), done: median(runs.pgbouncer.map((run) => run.done)) };
  console.log(`\n| | direct | through PgBouncer (transaction mode, ${POOLER_SIZE} server connections) | ratio |\n|---|---|---|---|`);
  console.log(`| single submits/s (${CONNECTIONS} connections, ${SECONDS} s) | ${direct.submits.toFixed(0)} | ${pooled.submits.toFixed(0)} | ${(pooled.submits / direct.submits).toFixed(2)} |`);
  console.log(`| submitted and done, jobs/s | ${direct.done.toFixed(0)} | ${pooled.done.toFixed(0)} | ${(pooled.done / direct.done).toFixed(2)} |`);
} finally {
  await server.stop?.();
}

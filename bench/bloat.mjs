// Table and index growth over a stream of jobs (issue 15, "Bloat"): submits N no-op jobs in batches
// of 1000 while one worker (WORKER_CONCURRENCY 250) completes them, the backlog held under a bound so
// inserts and updates interleave as in service, then reports the `jobs`, `results` and pg-boss
// tables' sizes, index sizes, dead tuples and HOT updates: along the way, when the last job is done,
// and once autovacuum has visited the tables after that (or BENCH_AUTOVACUUM_WAIT seconds passed).
// Usage: pnpm bench:bloat [jobs=1000000]   BENCH_WORKER_CONCURRENCY (250), BENCH_BACKLOG (20000),
// BENCH_AUTOVACUUM_WAIT (180), BENCH_JOBS_STORAGE (storage parameters to try on `jobs` instead of
// the migrations', e.g. `fillfactor=100, autovacuum_vacuum_scale_factor=0.2`); DATABASE_URL picks the
// server (embedded PostgreSQL otherwise).
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';

const JOBS = Number(process.argv[2] ?? 1_000_000);
const BATCH = 1000;
const SUBMITTERS = 4;
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const AUTOVACUUM_WAIT_SECONDS = Number(process.env.BENCH_AUTOVACUUM_WAIT ?? 180);
const ENV = { ENABLE_BENCHMARK_JOBS: 'true' };
const WORKER_ENV = { ...ENV, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '250' };
const SNAPSHOTS = 5;
const log = (message) => console.error(`[bench] ${message}`);
const mib = (bytes) => (Number(bytes) / 1048576).toFixed(1);

/** Every table of ours and of pg-boss's schema that holds rows: sizes and the statistics collector's counters. */
const TABLES = `
  SELECT s.schemaname || '.' || s.relname AS "table", pg_relation_size(s.relid) AS heap, pg_indexes_size(s.relid) AS indexes,
         pg_total_relation_size(s.relid) AS total, s.n_live_tup AS live, s.n_dead_tup AS dead, s.n_tup_ins AS inserts,
         s.n_tup_upd AS updates, s.n_tup_hot_upd AS hot, s.n_tup_del AS deletes, s.autovacuum_count AS autovacuums,
         s.last_autovacuum AS "lastAutovacuum", c.reloptions AS options,
         (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid)::int AS "indexCount"
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
   WHERE (s.schemaname = 'public' AND s.relname IN ('jobs', 'results')) OR (s.schemaname = 'pgboss' AND pg_total_relation_size(s.relid) > 1048576)
   ORDER BY s.schemaname DESC, s.relname`;

/** Unfinished jobs: the partial (status, run_at) index keeps this cheap at any table size. */
const UNFINISHED = `SELECT count(*)::int AS count FROM jobs WHERE status IN ('PENDING', 'PROCESSING')`;

async function snapshot(db) {
  await db.query('SELECT pg_stat_clear_snapshot()');
  return (await db.query(TABLES)).rows;
}

function tableRows(label, rows) {
  return rows.map(
    (row) =>
      `| ${label} | \`${row.table}\` | ${mib(row.heap)} | ${mib(row.indexes)} (${row.indexCount}) | ${mib(row.total)} | ${row.live} | ${row.dead} | ${row.updates} | ${row.updates > 0 ? `${((100 * row.hot) / row.updates).toFixed(1)} %` : '—'} | ${row.autovacuums} |`,
  );
}

const server = await startTestPostgres();
const stack = await startStack({ workers: 0, apiEnv: ENV });
const db = new pg.Client({ connectionString: stack.database.url });
await db.connect();
try {
  if (process.env.BENCH_JOBS_STORAGE) await db.query(`ALTER TABLE jobs SET (${process.env.BENCH_JOBS_STORAGE})`);
  const client = stack.client.withToken(mintToken({ sub: uniqueSubject('bloat') }, { expiresIn: '4h' }));
  await stack.startWorker(WORKER_ENV);
  const startedAt = performance.now();
  const growth = [];
  let submitted = 0;
  let accepted = 0;
  let unfinished = 0;
  let nextSnapshot = JOBS / SNAPSHOTS;
  const submitter = async () => {
    while (submitted < JOBS) {
      if (unfinished > BACKLOG) {
        await sleep(50);
        continue;
      }
      const size = Math.min(BATCH, JOBS - submitted);
      const first = submitted;
      submitted += size;
      await client.post('/v1/jobs/batch', { jobs: Array.from({ length: size }, (_, index) => ({ type: 'bench.noop', payload: { sequence: first + index } })) });
      accepted += size;
    }
  };
  const watcher = async () => {
    for (;;) {
      const counted = accepted;
      unfinished = (await db.query(UNFINISHED)).rows[0].count;
      const done = counted - unfinished;
      const finished = counted >= JOBS && unfinished === 0;
      if (done >= nextSnapshot || finished) {
        growth.push({ done, seconds: (performance.now() - startedAt) / 1000, rows: await snapshot(db) });
        log(`${done} jobs done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
        nextSnapshot += JOBS / SNAPSHOTS;
      }
      if (finished) return;
      await sleep(250);
    }
  };
  await Promise.all([watcher(), ...Array.from({ length: SUBMITTERS }, submitter)]);
  const seconds = (performance.now() - startedAt) / 1000;
  const failed = (await db.query(`SELECT count(*)::int AS count FROM jobs WHERE status <> 'COMPLETED'`)).rows[0].count;
  if (failed > 0) throw new Error(`${failed} jobs did not complete; the benchmark counts only jobs that do`);
  // Backends report their counters to the statistics system at most once a second while busy and
  // after 10 s when idle: the figures at the end wait for the last report.
  await sleep(11_000);
  const end = await snapshot(db);
  const endedAt = new Date();
  const liveJobs = (await db.query('SELECT count(*)::int AS count FROM jobs')).rows[0].count;

  log(`waiting up to ${AUTOVACUUM_WAIT_SECONDS} s for autovacuum to visit jobs and results`);
  const waitStarted = performance.now();
  let after = end;
  for (;;) {
    after = await snapshot(db);
    const visited = after.filter((row) => ['public.jobs', 'public.results'].includes(row.table) && row.lastAutovacuum && row.lastAutovacuum > endedAt);
    if (visited.length === 2 || performance.now() - waitStarted > AUTOVACUUM_WAIT_SECONDS * 1000) break;
    await sleep(2000);
  }
  const waited = (performance.now() - waitStarted) / 1000;

  const options = end.find((row) => row.table === 'public.jobs')?.options;
  console.log(`${JOBS.toLocaleString('en')} no-op jobs submitted in batches of ${BATCH} (${SUBMITTERS} at a time, backlog under ${BACKLOG.toLocaleString('en')}) and completed by one worker (WORKER_CONCURRENCY ${WORKER_ENV.WORKER_CONCURRENCY}) in ${seconds.toFixed(0)} s (${(JOBS / seconds).toFixed(0)} jobs/s); \`jobs\` options: ${options ? options.join(', ') : 'defaults'}.\n`);
  console.log('| when | table | heap MiB | indexes MiB (count) | total MiB | live rows | dead rows | updates | HOT | autovacuums |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const point of growth.slice(0, -1)) {
    console.log(tableRows(`${point.done.toLocaleString('en')} done (${point.seconds.toFixed(0)} s)`, point.rows.filter((row) => row.table === 'public.jobs')).join('\n'));
  }
  console.log(tableRows('last job done (+11 s)', end).join('\n'));
  console.log(tableRows(`${waited.toFixed(0)} s later`, after).join('\n'));
  const jobs = after.find((row) => row.table === 'public.jobs');
  if (!jobs) throw new Error('no statistics for jobs');
  console.log(`\n\`jobs\` per live row ${waited.toFixed(0)} s after the last job: heap ${(Number(jobs.heap) / liveJobs).toFixed(0)} B, indexes ${(Number(jobs.indexes) / liveJobs).toFixed(0)} B; autovacuum ${after.filter((row) => row.lastAutovacuum && row.lastAutovacuum > endedAt).map((row) => `visited ${row.table}`).join(', ') || 'did not visit our tables'} in that time.`);
} finally {
  await db.end();
  await stack.stop();
  await server.stop();
}

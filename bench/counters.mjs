// What the job counters (job_counts, kept by statement-level triggers on jobs) cost the write path,
// in PostgreSQL alone: the same INSERTs of job rows with the counting triggers disabled (the
// baseline), enabled (16 slots per key, one per backend), and enabled with every backend on one slot
// (what a single counter row per key would do), alternating, on one migrated scratch database.
// Single-row INSERTs from 32 connections, all for one owner and type (the hottest key there can be),
// and 1000-row INSERTs from 4 connections. Usage: node bench/counters.mjs   BENCH_SECONDS (10), BENCH_REPETITIONS (3)
import { startTestPostgres } from '@jobs/dev-postgres';
import { createMigratedDatabase } from '@jobs/testing';
import pg from 'pg';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const TRIGGERS = ['jobs_count_inserts', 'jobs_count_updates', 'jobs_count_deletes'];
const log = (message) => console.error(`[bench] ${message}`);

const insertSql = (rows) => `
  INSERT INTO jobs (id, owner_id, org_id, type, status, payload, max_attempts, timeout_seconds, queue_name, queue_job_id, search_text)
  SELECT gen_random_uuid(), 'owner-hot', 'org-hot', 'text.indicators', 'PENDING', '{"text":"x"}', 3, 60, 'text.indicators', gen_random_uuid(), 'text.indicators'
    FROM generate_series(1, ${rows})`;

/** `connections` clients each running `sql` back to back for SECONDS; rows per second. */
async function run(url, connections, sql, rowsPerStatement) {
  const clients = await Promise.all(Array.from({ length: connections }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }));
  let statements = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(clients.map(async (client) => {
    while (Date.now() < until) {
      await client.query(sql);
      statements += 1;
    }
  }));
  await Promise.all(clients.map((client) => client.end()));
  return (statements * rowsPerStatement) / SECONDS;
}

const server = await startTestPostgres();
const database = await createMigratedDatabase();
const admin = new pg.Client({ connectionString: database.url });
await admin.connect();
try {
  const slotted = (await admin.query(`SELECT pg_get_functiondef('count_job_changes'::regproc) AS definition`)).rows[0].definition;
  if (!slotted.includes('pg_backend_pid() % 16')) throw new Error('count_job_changes no longer spreads keys by backend; update this benchmark');
  const variants = {
    'no counters (baseline)': async () => { for (const name of TRIGGERS) await admin.query(`ALTER TABLE jobs DISABLE TRIGGER ${name}`); },
    'counters, 16 slots': async () => {
      await admin.query(slotted);
      for (const name of TRIGGERS) await admin.query(`ALTER TABLE jobs ENABLE TRIGGER ${name}`);
    },
    'counters, one slot': async () => {
      await admin.query(slotted.replaceAll('pg_backend_pid() % 16', '0'));
      for (const name of TRIGGERS) await admin.query(`ALTER TABLE jobs ENABLE TRIGGER ${name}`);
    },
  };
  const results = Object.fromEntries(Object.keys(variants).map((name) => [name, { single: [], batch: [] }]));
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    for (const [name, apply] of Object.entries(variants)) {
      await apply();
      await admin.query('TRUNCATE jobs CASCADE');
      await admin.query('VACUUM ANALYZE jobs, job_counts');
      results[name].single.push(await run(database.url, 32, insertSql(1), 1));
      results[name].batch.push(await run(database.url, 4, insertSql(1000), 1000));
      log(`${repetition}: ${name}: single ${Math.round(results[name].single.at(-1))}, batch ${Math.round(results[name].batch.at(-1))} rows/s`);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const baseline = results['no counters (baseline)'];
  console.log(`${REPETITIONS} repetitions of ${SECONDS} s each, alternating; medians, ratio to the baseline per repetition (median).\n`);
  console.log('| variant | single INSERTs, 32 connections, one owner and type (rows/s) | ratio | 1000-row INSERTs, 4 connections (rows/s) | ratio |');
  console.log('|---|---|---|---|---|');
  for (const [name, figures] of Object.entries(results)) {
    const ratio = (kind) => median(figures[kind].map((value, index) => value / baseline[kind][index])).toFixed(2);
    console.log(`| ${name} | ${Math.round(median(figures.single)).toLocaleString('en')} | ${ratio('single')} | ${Math.round(median(figures.batch)).toLocaleString('en')} | ${ratio('batch')} |`);
  }
} finally {
  await admin.end();
  await database.drop();
  await server.stop();
}

// Retry and cancel by filter (issue 16) against the baseline a client had before: the single-job
// routes, four requests in flight (as the dashboard's selection bar sends them). Seeds BENCH_JOBS
// (20,000) FAILED bench.noop jobs of one owner with an error code and BENCH_BASELINE_JOBS (1,000) of
// another, on a stack without workers (retried jobs stay queued), then times: the dry run, the retry
// of all of them by filter, the cancel of all of them by filter, and the baseline's per-job retries.
// Usage: pnpm bench:bulk (embedded PostgreSQL unless DATABASE_URL); hold /work/bench.lock on a shared machine.
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';

const JOBS = Number(process.env.BENCH_JOBS ?? 20_000);
const BASELINE_JOBS = Number(process.env.BENCH_BASELINE_JOBS ?? 1_000);
const IN_FLIGHT = 4;
const ENV = { ENABLE_BENCHMARK_JOBS: 'true', RATE_LIMIT_PER_MINUTE: '0' };
const log = (message) => console.error(`[bench] ${message}`);

/** `count` FAILED bench.noop jobs of `owner`, failed an hour ago with error code Boom (rows only: their queue entries were settled long ago). */
async function seedFailed(db, owner, count) {
  const { rows } = await db.query(
    `INSERT INTO jobs (id, owner_id, type, status, payload, attempts, max_attempts, timeout_seconds, queue_name, queue_job_id,
                       created_at, updated_at, run_at, started_at, finished_at, search_text, error_code, error_message)
     SELECT gen_random_uuid(), $1, 'bench.noop', 'FAILED', '{}', 1, 1, 60, 'bench.noop', gen_random_uuid(),
            now() - interval '1 hour' + g * interval '1 ms', now() - interval '1 hour', now() - interval '1 hour',
            now() - interval '1 hour', now() - interval '1 hour', 'bench.noop', 'Boom', 'seeded'
       FROM generate_series(1, $2) g
     RETURNING id`,
    [owner, count],
  );
  await db.query('ANALYZE jobs');
  return rows.map((row) => row.id);
}

async function timed(label, work) {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${seconds.toFixed(2)} s`);
  return { result, seconds };
}

function expectOk(response, what) {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const server = await startTestPostgres();
const stack = await startStack({ workers: 0, apiEnv: ENV });
const db = new pg.Client({ connectionString: stack.database.url });
await db.connect();
try {
  const owner = uniqueSubject('bulk');
  const client = stack.client.withToken(mintToken({ sub: owner }, { expiresIn: '4h' }));
  const baselineOwner = uniqueSubject('one-by-one');
  const baselineClient = stack.client.withToken(mintToken({ sub: baselineOwner }, { expiresIn: '4h' }));
  await seedFailed(db, owner, JOBS);
  const baselineIds = await seedFailed(db, baselineOwner, BASELINE_JOBS);
  const filter = 'status=FAILED&type=bench.noop&errorCode=Boom';

  const dryRun = await timed(`dry run over ${JOBS}`, async () => expectOk(await client.request('POST', `/v1/jobs/retry?${filter}&dryRun=true`), 'dry run'));
  const retry = await timed(`retry ${JOBS} by filter`, async () => expectOk(await client.request('POST', `/v1/jobs/retry?${filter}`), 'retry'));
  const cancel = await timed(`cancel ${JOBS} by filter`, async () => expectOk(await client.request('POST', '/v1/jobs/cancel?status=PENDING&type=bench.noop'), 'cancel'));
  const baseline = await timed(`retry ${BASELINE_JOBS} one by one, ${IN_FLIGHT} in flight`, async () => {
    const queue = [...baselineIds];
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) expectOk(await baselineClient.request('POST', `/v1/jobs/${id}/retry`), 'single retry');
      }),
    );
  });
  if (retry.result.changed !== JOBS || cancel.result.changed !== JOBS) throw new Error(`changed ${retry.result.changed} and ${cancel.result.changed}, not ${JOBS}`);

  const rate = (jobs, seconds) => Math.round(jobs / seconds);
  console.log(`| operation | jobs | seconds | jobs/s | vs. one by one |`);
  console.log(`|---|---|---|---|---|`);
  const baselineRate = rate(BASELINE_JOBS, baseline.seconds);
  console.log(`| retry one by one (\`POST /v1/jobs/:id/retry\`, ${IN_FLIGHT} in flight; baseline) | ${BASELINE_JOBS} | ${baseline.seconds.toFixed(2)} | ${baselineRate} | 1.0× |`);
  console.log(`| dry run (\`POST /v1/jobs/retry?…&dryRun=true\`) | ${dryRun.result.matched} | ${dryRun.seconds.toFixed(2)} | ${rate(JOBS, dryRun.seconds)} | — |`);
  console.log(`| retry by filter (\`POST /v1/jobs/retry\`) | ${JOBS} | ${retry.seconds.toFixed(2)} | ${rate(JOBS, retry.seconds)} | ${(rate(JOBS, retry.seconds) / baselineRate).toFixed(1)}× |`);
  console.log(`| cancel by filter (\`POST /v1/jobs/cancel\`) | ${JOBS} | ${cancel.seconds.toFixed(2)} | ${rate(JOBS, cancel.seconds)} | — |`);
} finally {
  await db.end();
  await stack.stop();
  await server.stop();
}

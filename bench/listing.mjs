// Listing, statistics and admin purge at a million rows (issue 3) or ten million (issue 15).
// Seeds BENCH_JOBS (1,000,000) jobs over 1,000 owners (all statuses, 30 days of timestamps in the
// order a live system inserts them, a result row for each completed job, queue entries for the
// unfinished ones), prints the query plans of the API's own listing SQL, then measures the live API
// with autocannon: listing pages, statistics, the timeline, and a purge under a steady light load.
// Usage: pnpm bench:listing (embedded PostgreSQL unless DATABASE_URL); BENCH_KEEP_DATABASE=1 and
// BENCH_PURGE=0 keep a seeded database between runs (see below).
import autocannon from 'autocannon';
import { JobReads, timelineWindow } from '@jobs/jobs';
import { MIGRATIONS_DIR, Prisma, migrate } from '@jobs/database';
import { startTestPostgres } from '@jobs/dev-postgres';
import { TEST_JWT_SECRET, mintToken, startApi, startStack } from '@jobs/testing';
import pg from 'pg';

const JOBS = Number(process.env.BENCH_JOBS ?? 1_000_000);
const OWNERS = 1_000;
const CHUNK = 1_000_000;
// pg-boss's schema, where the unfinished jobs' queue entries live.
const QUEUE_SCHEMA = 'pgboss';
// BENCH_KEEP_DATABASE=1 seeds a database named after the row count once and reuses it on later runs
// (seeding ten million rows takes a while); BENCH_PURGE=0 leaves the purge out, so it stays seeded.
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
const PURGE = process.env.BENCH_PURGE !== '0';
const SEEDED_MARK = `seeded ${JOBS}`;
const owner = (index) => `owner-${String(index).padStart(4, '0')}`;
const org = (index) => `org-${String(index % 100).padStart(2, '0')}`;
const log = (message) => console.error(`[bench] ${message}`);

/**
 * The secondary indexes and constraints of `jobs` and `results` (and the foreign keys pointing at them),
 * as the migrations made them: the load runs without them and builds each once at the end, which at
 * ten million rows is many times faster than maintaining a dozen indexes row by row.
 */
async function loadWithoutIndexes(db, load) {
  const tables = `('jobs'::regclass, 'results'::regclass)`;
  const constraints = (await db.query(
    `SELECT conrelid::regclass::text AS tab, conname AS name, contype AS kind, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE (conrelid IN ${tables} OR confrelid IN ${tables}) AND contype IN ('p', 'u', 'f')`,
  )).rows;
  const indexes = (await db.query(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index
      WHERE indrelid IN ${tables} AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = indexrelid AND c.contype IN ('p', 'u'))`,
  )).rows;
  const foreign = constraints.filter((constraint) => constraint.kind === 'f');
  const keys = constraints.filter((constraint) => constraint.kind !== 'f');
  for (const { tab, name } of [...foreign, ...keys]) await db.query(`ALTER TABLE ${tab} DROP CONSTRAINT "${name}"`);
  for (const { name } of indexes) await db.query(`DROP INDEX ${name}`);
  await load();
  for (const { tab, name, definition } of keys) await timed(`constraint ${name}`, () => db.query(`ALTER TABLE ${tab} ADD CONSTRAINT "${name}" ${definition}`));
  for (const { name, definition } of indexes) await timed(`index ${name}`, () => db.query(definition));
  for (const { tab, name, definition } of foreign) await timed(`constraint ${name}`, () => db.query(`ALTER TABLE ${tab} ADD CONSTRAINT "${name}" ${definition}`));
}

async function timed(label, work) {
  const started = Date.now();
  const result = await work();
  log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Seeds JOBS jobs server-side (generate_series), their results and the queue entries of the unfinished ones. */
async function seed(db) {
  const started = Date.now();
  // Session settings for the bulk load only (the server's configuration is left alone).
  await db.query(`SET maintenance_work_mem = '1GB'`);
  await db.query('SET synchronous_commit = off');
  await loadWithoutIndexes(db, async () => {
    for (let from = 0; from < JOBS; from += CHUNK) {
      await db.query(
        `INSERT INTO jobs (id, owner_id, org_id, type, status, priority, payload, metadata, attempts, max_attempts,
                           timeout_seconds, result_id, result_type, queue_name, queue_job_id, created_at, updated_at,
                           run_at, started_at, finished_at, search_text)
         SELECT id, owner, org, type, status::"JobStatus", priority, '{"text":"seeded"}', jsonb_build_object('batch', batch), 1, 3,
                60, CASE WHEN status = 'COMPLETED' THEN gen_random_uuid() END, CASE WHEN status = 'COMPLETED' THEN 'indicators' END,
                type, id, created, coalesce(finished, created), created,
                CASE WHEN status <> 'PENDING' THEN created + interval '1 second' END, finished, lower(type || ' batch ' || batch)
           FROM (
             SELECT gen_random_uuid() AS id,
                    'owner-' || lpad((g % ${OWNERS})::text, 4, '0') AS owner,
                    'org-' || lpad((g % ${OWNERS} % 100)::text, 2, '0') AS org,
                    CASE WHEN g % 4 = 0 THEN 'diagnostics.sleep' ELSE 'text.indicators' END AS type,
                    CASE WHEN r < 0.70 THEN 'COMPLETED' WHEN r < 0.80 THEN 'FAILED' WHEN r < 0.85 THEN 'CANCELLED'
                         WHEN r < 0.95 THEN 'PENDING' ELSE 'PROCESSING' END AS status,
                    (g % 5) - 2 AS priority,
                    'b' || (g % 100) AS batch,
                    created,
                    CASE WHEN r < 0.85 THEN created + (1 + random() * 10) * interval '1 second' END AS finished
               FROM generate_series($1::int, $2::int) AS g,
                    LATERAL (SELECT g AS seq, random() AS r, now() - interval '30 days' * (1 - (g + random()) / ${JOBS}::float8) AS created) AS x
           ) AS rows`,
        [from, Math.min(from + CHUNK, JOBS) - 1],
      );
      log(`seeded ${Math.min(from + CHUNK, JOBS)} jobs (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    await timed('results', () =>
      db.query(`INSERT INTO results (id, job_id, type, data, created_at)
                SELECT result_id, id, 'indicators', '{"total":1,"counts":{"ipv4":1},"indicators":[]}', finished_at
                  FROM jobs WHERE result_id IS NOT NULL`),
    );
  });
  // Unfinished jobs have their queue entries, as a submission leaves them: waiting (created) or taken (active).
  await timed('queue entries', () =>
    db.query(`INSERT INTO ${QUEUE_SCHEMA}.job (id, name, data, priority, state, retry_limit, retry_delay, retry_backoff, expire_seconds,
                                             heartbeat_seconds, policy, start_after, created_on, started_on, heartbeat_on)
              SELECT j.queue_job_id, j.queue_name, jsonb_build_object('jobId', j.id), j.priority,
                     (CASE WHEN j.status = 'PENDING' THEN 'created' ELSE 'active' END)::${QUEUE_SCHEMA}.job_state,
                     q.retry_limit, q.retry_delay, q.retry_backoff, q.expire_seconds, q.heartbeat_seconds, q.policy,
                     j.run_at, j.created_at, j.started_at, j.started_at
                FROM jobs j JOIN ${QUEUE_SCHEMA}.queue q ON q.name = j.queue_name
               WHERE j.status IN ('PENDING', 'PROCESSING')`),
  );
  await timed('VACUUM ANALYZE', async () => {
    await db.query('VACUUM ANALYZE jobs');
    await db.query('VACUUM ANALYZE results');
    await db.query(`VACUUM ANALYZE ${QUEUE_SCHEMA}.job`);
  });
  return Date.now() - started;
}

/** The API's own listing SQL (captured from the domain package's reads), run under EXPLAIN ANALYZE. */
async function explainListing(db) {
  const captured = [];
  const capture = { $queryRaw: async (strings, ...values) => (captured.push(Prisma.sql(strings, ...values)), []) };
  const reads = new JobReads(capture);
  const sampleId = (await db.query(`SELECT id FROM jobs WHERE owner_id = 'owner-0007' ORDER BY created_at DESC OFFSET ${Math.floor(JOBS / OWNERS / 2)} LIMIT 1`)).rows[0].id;
  const after = { value: new Date(Date.now() - 15 * 86_400_000), id: sampleId };
  const member = { kind: 'member', sub: owner(7), org: org(7) };
  const cases = [
    ['owner + org member, newest first (the default page)', { scope: member }, {}],
    ['owner only (no org), newest first, 10th page by cursor', { scope: { kind: 'member', sub: owner(7), org: null } }, { after }],
    ['member, status=FAILED,CANCELLED, sort=finishedAt desc', { scope: member, statuses: ['FAILED', 'CANCELLED'] }, { sort: 'finishedAt' }],
    ['member, type + q=b42 + createdFrom', { scope: member, types: ['diagnostics.sleep'], q: 'b42', createdFrom: new Date(Date.now() - 7 * 86_400_000) }, {}],
    ['member, sort=priority asc', { scope: member }, { sort: 'priority', order: 'asc' }],
    ['admin ownerId, sort=updatedAt', { scope: { kind: 'owner', ownerId: owner(7) } }, { sort: 'updatedAt' }],
    ['admin scope=all, newest first', { scope: { kind: 'all' } }, {}],
    ['admin scope=all, page after a cursor', { scope: { kind: 'all' } }, { after }],
    ['admin scope=all, sort=updatedAt asc', { scope: { kind: 'all' } }, { sort: 'updatedAt', order: 'asc' }],
    ['admin scope=all, sort=finishedAt desc', { scope: { kind: 'all' } }, { sort: 'finishedAt' }],
    ['admin scope=all, sort=priority desc', { scope: { kind: 'all' } }, { sort: 'priority' }],
    ['admin scope=all, status=FAILED', { scope: { kind: 'all' }, statuses: ['FAILED'] }, {}],
    ['admin scope=all, type=diagnostics.sleep', { scope: { kind: 'all' }, types: ['diagnostics.sleep'] }, {}],
    ['admin scope=all, resultType=indicators', { scope: { kind: 'all' }, resultTypes: ['indicators'] }, {}],
    ['admin scope=all, createdFrom/createdTo one day', { scope: { kind: 'all' }, createdFrom: new Date(Date.now() - 10 * 86_400_000), createdTo: new Date(Date.now() - 9 * 86_400_000) }, {}],
    ['admin scope=all, finishedFrom/finishedTo one day', { scope: { kind: 'all' }, finishedFrom: new Date(Date.now() - 10 * 86_400_000), finishedTo: new Date(Date.now() - 9 * 86_400_000) }, { sort: 'finishedAt' }],
    ['admin scope=all, q=b42 (trigram index)', { scope: { kind: 'all' }, q: 'b42' }, {}],
  ];
  // The statistics' statements too (counts by type and status, last day's durations, oldest pending job), one after the other.
  const window = timelineWindow({}, new Date());
  const measured = [
    ...cases.map(([title, filters, page]) => [title, () => reads.list(filters, { sort: 'createdAt', order: 'desc', take: 51, ...page }), '\n-- then, for unfinished jobs after the finished ones:\n']),
    ['stats, owner + org member', () => reads.stats(member), '\n-- then:\n'],
    ['stats, scope=all', () => reads.stats({ kind: 'all' }), '\n-- then:\n'],
    ['timeline, owner + org member, last 24 h', () => reads.statsTimeline(member, window), '\n-- then:\n'],
    // What the counters replace: counting every job by type and status.
    ['counts by type and status from jobs, scope=all (before job_counts)', async () => captured.push(Prisma.sql`SELECT type, status, count(*) FROM jobs GROUP BY type, status`), ''],
  ];
  const sections = [];
  for (const [title, read, separator] of measured) {
    captured.length = 0;
    await read();
    const plans = [];
    for (const sql of captured) {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) ${sql.text}`, sql.values);
      plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    sections.push(`#### ${title}\n\n\`\`\`\n${plans.join(separator)}\n\`\`\``);
  }
  return sections.join('\n\n');
}

/** Latency percentiles of a set of responses. */
function summarise(latencies, failures) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { requests: sorted.length, failures, p50: at(0.5), p95: at(0.95), p99: at(0.99), latencies: sorted };
}

/** Runs autocannon (at `overallRate` requests/s if given); `next()` gives each request's path and token. Returns latency percentiles from every response. */
async function load({ url, connections, duration, overallRate, next }) {
  const latencies = [];
  let failures = 0;
  const instance = autocannon({
    url,
    connections,
    duration,
    ...(overallRate ? { overallRate } : {}),
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode >= 400) failures += 1;
  });
  await instance;
  return summarise(latencies, failures);
}

const row = (label, figures, target = '') =>
  `| ${label} | ${figures.requests} | ${figures.failures} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} | ${figures.p99.toFixed(1)} | ${target} |`;

/**
 * The API on a database of its own: a scratch one, seeded and dropped, or with BENCH_KEEP_DATABASE a
 * named one seeded once (its comment says so) and migrated on every run, so later migrations apply to it.
 */
async function startBenchStack(adminUrl, apiEnv) {
  if (!KEEP_DATABASE) {
    const stack = await startStack({ workers: 0, apiEnv });
    return { url: stack.database.url, api: stack.api, seeded: false, stop: () => stack.stop() };
  }
  const name = `bench_listing_${JOBS}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let seeded = false;
  try {
    const existing = (await admin.query(`SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`, [name])).rows[0];
    seeded = existing?.mark === SEEDED_MARK;
    // A database whose seeding did not finish (or that was purged) is made again from scratch.
    if (existing && !seeded) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    if (!seeded) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate({ connectionString: url.toString(), migrationsDir: MIGRATIONS_DIR });
  const api = await startApi({ DATABASE_URL: url.toString(), JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '0', ...apiEnv });
  log(`database ${name}${seeded ? ' (already seeded)' : ''}`);
  return { url: url.toString(), api, seeded, stop: () => api.process.stop() };
}

const server = await startTestPostgres();
// The seeded types include diagnostics.sleep: its queue must exist for the purge to cancel its running jobs.
const stack = await startBenchStack(server.adminUrl, { DATABASE_POOL_SIZE: '20', STATS_CACHE_SECONDS: '0', ENABLE_DIAGNOSTIC_JOBS: 'true' });
const db = new pg.Client({ connectionString: stack.url });
await db.connect();
try {
  let seedMs = null;
  if (!stack.seeded) {
    seedMs = await seed(db);
    log(`seeded in ${seedMs} ms`);
    if (KEEP_DATABASE) await db.query(`COMMENT ON DATABASE ${(await db.query('SELECT current_database() AS name')).rows[0].name} IS '${SEEDED_MARK}'`);
  }
  const plans = await explainListing(db);

  const memberTokens = Array.from({ length: OWNERS }, (_, index) => mintToken({ sub: owner(index), org: org(index) }, { expiresIn: '2h' }));
  // The owner view: the same subjects in no organisation, so a listing is their own jobs only.
  const ownerTokens = Array.from({ length: OWNERS }, (_, index) => mintToken({ sub: owner(index) }, { expiresIn: '2h' }));
  const adminToken = mintToken({ sub: 'bench-admin', roles: ['admin'] }, { expiresIn: '2h' });
  const auth = (token) => ({ headers: { authorization: `Bearer ${token}` } });
  const random = (n) => Math.floor(Math.random() * n);

  /** The 10th page (by cursor, 20 a page) of a listing for each of `count` tokens. */
  async function tenthPages(path, tokens) {
    const pages = [];
    for (const token of tokens) {
      let cursor = null;
      for (let page = 1; page < 10; page += 1) {
        const response = await fetch(`${stack.api.url}${path}${cursor ? `&cursor=${cursor}` : ''}`, auth(token));
        cursor = encodeURIComponent((await response.json()).nextCursor);
      }
      pages.push({ path: `${path}&cursor=${cursor}`, ...auth(token) });
    }
    return pages;
  }
  log('collecting 10th-page cursors');
  const memberTenth = await tenthPages('/v1/jobs?limit=20', memberTokens.slice(0, 50));
  const ownerTenth = await tenthPages('/v1/jobs?limit=20', ownerTokens.slice(0, 50));
  const adminTenth = await tenthPages('/v1/jobs?scope=all&limit=20', [adminToken]);
  const base = { url: stack.api.url, connections: 4, duration: 10 };
  const oneCaller = { ...base, connections: 1 };
  const memberFirstPage = () => ({ path: '/v1/jobs?limit=20', ...auth(memberTokens[random(OWNERS)]) });
  log('measuring listing and statistics');
  const figures = [
    ['list, first page, owner + org member', await load({ ...base, next: memberFirstPage }), 'p95 < 20 ms'],
    ['list, 10th page by cursor, owner + org member', await load({ ...base, next: () => memberTenth[random(memberTenth.length)] }), 'p95 < 20 ms'],
    ['list, first page, owner (no org)', await load({ ...base, next: () => ({ path: '/v1/jobs?limit=20', ...auth(ownerTokens[random(OWNERS)]) }) }), 'p95 < 20 ms'],
    ['list, 10th page by cursor, owner (no org)', await load({ ...base, next: () => ownerTenth[random(ownerTenth.length)] }), 'p95 < 20 ms'],
    ['list, first page, admin scope=all', await load({ ...base, next: () => ({ path: '/v1/jobs?scope=all&limit=20', ...auth(adminToken) }) }), 'p95 < 20 ms'],
    ['list, 10th page by cursor, admin scope=all', await load({ ...base, next: () => adminTenth[0] }), 'p95 < 20 ms'],
    ['list, admin scope=all status=FAILED', await load({ ...base, next: () => ({ path: '/v1/jobs?scope=all&limit=20&status=FAILED', ...auth(adminToken) }) }), ''],
    ['stats, one owner (+ their org), refresh=true', await load({ ...oneCaller, next: () => ({ path: '/v1/jobs/stats?refresh=true', ...auth(memberTokens[random(OWNERS)]) }) }), '< 50 ms'],
    ['stats, scope=all, refresh=true', await load({ ...oneCaller, next: () => ({ path: '/v1/jobs/stats?scope=all&refresh=true', ...auth(adminToken) }) }), '< 1 s'],
    ['timeline, owner + org member, last 24 h, refresh=true', await load({ ...oneCaller, next: () => ({ path: '/v1/jobs/stats/timeline?refresh=true', ...auth(memberTokens[random(OWNERS)]) }) }), ''],
    ['timeline, scope=all, last 24 h, refresh=true', await load({ ...oneCaller, next: () => ({ path: '/v1/jobs/stats/timeline?scope=all&refresh=true', ...auth(adminToken) }) }), ''],
  ];

  const sizes = (await db.query(
    `SELECT c.oid::regclass::text AS name, pg_size_pretty(pg_table_size(c.oid)) AS table, pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
            (SELECT string_agg(i.indexrelid::regclass::text || ' ' || pg_size_pretty(pg_relation_size(i.indexrelid)), ', ' ORDER BY i.indexrelid::regclass::text)
               FROM pg_index i WHERE i.indrelid = c.oid) AS each
       FROM pg_class c
      WHERE c.oid IN ('jobs'::regclass, 'results'::regclass)
         OR c.relnamespace = '${QUEUE_SCHEMA}'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'j%'
      ORDER BY pg_total_relation_size(c.oid) DESC`,
  )).rows;

  console.log(`${JOBS.toLocaleString('en')} jobs (${OWNERS} owners in 100 organisations, 30 days), their results and the unfinished jobs' queue entries` +
    (seedMs === null ? ' (seeded by an earlier run).' : `, seeded in ${(seedMs / 1000).toFixed(0)} s.`));
  console.log(`autocannon, ${base.connections} connections, ${base.duration} s per row (one connection for the statistics and timelines, which are one caller's request at a time); latencies from every response.\n`);
  console.log('| request | requests | errors | p50 ms | p95 ms | p99 ms | target |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [label, figure, target] of figures) console.log(row(label, figure, target));
  console.log('\n| table | table size | index size | indexes |\n|---|---|---|---|');
  for (const size of sizes) console.log(`| ${size.name} | ${size.table} | ${size.indexes} | ${size.each ?? ''} |`);

  if (PURGE) {
    // A steady light load (the member's first page at a fixed rate) before and during the purge.
    const steady = { url: stack.api.url, connections: 2, overallRate: 50, next: memberFirstPage };
    const before = await load({ ...steady, duration: 10 });
    const doomed = Math.min(Math.floor(JOBS / 2), 1_000_000);
    log(`purging the oldest ${doomed.toLocaleString('en')} jobs under a steady listing load`);
    if (KEEP_DATABASE) await db.query(`COMMENT ON DATABASE ${(await db.query('SELECT current_database() AS name')).rows[0].name} IS NULL`);
    const cutoff = (await db.query(`SELECT created_at FROM jobs ORDER BY created_at OFFSET ${doomed - 1} LIMIT 1`)).rows[0].created_at;
    const purgeQuery = `createdBefore=${new Date(cutoff.getTime() + 1).toISOString()}&includeActive=true`;
    const dryRun = await (await fetch(`${stack.api.url}/v1/admin/jobs?${purgeQuery}&dryRun=true`, { method: 'DELETE', ...auth(adminToken) })).json();
    log(`dry run: ${JSON.stringify(dryRun)} for ${purgeQuery}`);
    const purgeStarted = Date.now();
    const purge = fetch(`${stack.api.url}/v1/admin/jobs?${purgeQuery}`, { method: 'DELETE', ...auth(adminToken) })
      .then(async (response) => ({ status: response.status, body: await response.json(), ms: Date.now() - purgeStarted }));
    const windows = [];
    let purged;
    purge.then((value) => (purged = value));
    while (!purged) windows.push(await load({ ...steady, duration: 2 }));
    if (purged.status !== 200) throw new Error(`the purge was refused: ${purged.status} ${JSON.stringify(purged.body)}`);
    const during = summarise(windows.flatMap((window) => window.latencies), windows.reduce((sum, window) => sum + window.failures, 0));
    const left = (await db.query('SELECT count(*)::int AS count FROM jobs')).rows[0].count;
    console.log('\n| steady listing load (2 connections, 50 requests/s) | requests | errors | p50 ms | p95 ms | p99 ms | target |\n|---|---|---|---|---|---|---|');
    console.log(row('before the purge (10 s)', before, ''));
    console.log(row('during the purge (all of it)', during, 'p99 ≤ 2× before'));
    console.log(
      `\nPurge of the oldest ${purged.body.deleted} jobs (with their results and queue entries): ${(purged.ms / 1000).toFixed(1)} s, ` +
        `${Math.round(purged.body.deleted / (purged.ms / 1000)).toLocaleString('en')} rows/s; ${left} jobs left.` +
        ` p99 during the purge ÷ before: ${(during.p99 / before.p99).toFixed(2)}× (target ≤ 2×).\n`,
    );
  }
  console.log(`### Query plans of the listing SQL at ${JOBS.toLocaleString('en')} rows\n`);
  console.log(plans);
} finally {
  await db.end();
  await stack.stop();
  await server.stop();
}

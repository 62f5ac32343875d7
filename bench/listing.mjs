// Listing, statistics and admin purge at a million rows (issue 3).
// Seeds 1,000,000 jobs over 1,000 owners (all statuses, 30 days of timestamps, a result row for
// each completed job), prints the query plans of the API's own listing SQL, then measures the live
// API with autocannon. Usage: pnpm bench:listing   (takes a few minutes; embedded PostgreSQL unless DATABASE_URL)
import autocannon from 'autocannon';
import { Prisma } from '@jobs/database';
import { JobReads, timelineWindow } from '@jobs/jobs';
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, startStack } from '@jobs/testing';
import pg from 'pg';

const JOBS = Number(process.env.BENCH_JOBS ?? 1_000_000);
const OWNERS = 1_000;
const CHUNK = 100_000;
const owner = (index) => `owner-${String(index).padStart(4, '0')}`;
const org = (index) => `org-${String(index % 100).padStart(2, '0')}`;
const log = (message) => console.error(`[bench] ${message}`);

async function seed(db) {
  const started = Date.now();
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
                  LATERAL (SELECT g AS seq, random() AS r, now() - random() * interval '30 days' AS created) AS x
         ) AS rows`,
      [from, Math.min(from + CHUNK, JOBS) - 1],
    );
    log(`seeded ${Math.min(from + CHUNK, JOBS)} jobs`);
  }
  await db.query(`INSERT INTO results (id, job_id, type, data, created_at)
                  SELECT result_id, id, 'indicators', '{"total":1,"counts":{"ipv4":1},"indicators":[]}', finished_at
                    FROM jobs WHERE result_id IS NOT NULL`);
  await db.query('VACUUM ANALYZE jobs');
  await db.query('VACUUM ANALYZE results');
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

/** Runs autocannon; `next()` gives each request's path and token. Returns latency percentiles from every response. */
async function load({ url, connections, duration, next }) {
  const latencies = [];
  let failures = 0;
  const instance = autocannon({
    url,
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode >= 400) failures += 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requests: latencies.length, rps: Math.round(result.requests.average), failures, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const row = (label, figures, target = '') =>
  `| ${label} | ${figures.requests} | ${figures.failures} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} | ${figures.p99.toFixed(1)} | ${target} |`;

const server = await startTestPostgres();
// The seeded types include diagnostics.sleep: its queue must exist for the purge to cancel its running jobs.
const stack = await startStack({ workers: 0, apiEnv: { DATABASE_POOL_SIZE: '20', STATS_CACHE_SECONDS: '0', ENABLE_DIAGNOSTIC_JOBS: 'true' } });
const db = new pg.Client({ connectionString: stack.database.url });
await db.connect();
try {
  const seedMs = await seed(db);
  log(`seeded in ${seedMs} ms`);
  const plans = await explainListing(db);

  const tokens = Array.from({ length: OWNERS }, (_, index) => mintToken({ sub: owner(index), org: org(index) }, { expiresIn: '2h' }));
  const adminToken = mintToken({ sub: 'bench-admin', roles: ['admin'] }, { expiresIn: '2h' });
  const auth = (token) => ({ headers: { authorization: `Bearer ${token}` } });
  const random = (n) => Math.floor(Math.random() * n);

  log('collecting 10th-page cursors');
  const tenthPages = [];
  for (let index = 0; index < 50; index += 1) {
    let cursor = null;
    for (let page = 1; page < 10; page += 1) {
      const response = await fetch(`${stack.api.url}/v1/jobs?limit=20${cursor ? `&cursor=${cursor}` : ''}`, auth(tokens[index]));
      cursor = encodeURIComponent((await response.json()).nextCursor);
    }
    tenthPages.push({ path: `/v1/jobs?limit=20&cursor=${cursor}`, ...auth(tokens[index]) });
  }
  const ids = (await db.query('SELECT id, owner_id FROM jobs ORDER BY created_at DESC LIMIT 5000')).rows;
  const getById = () => {
    const job = ids[random(ids.length)];
    return { path: `/v1/jobs/${job.id}`, ...auth(tokens[Number(job.owner_id.slice(6))]) };
  };
  const base = { url: stack.api.url, connections: 4, duration: 10 };
  log('measuring listing and statistics');
  const figures = {
    firstPage: await load({ ...base, next: () => ({ path: '/v1/jobs?limit=20', ...auth(tokens[random(OWNERS)]) }) }),
    tenthPage: await load({ ...base, next: () => tenthPages[random(tenthPages.length)] }),
    adminFirstPage: await load({ ...base, next: () => ({ path: '/v1/jobs?scope=all&limit=20&status=FAILED', ...auth(adminToken) }) }),
    ownerStats: await load({ ...base, connections: 1, next: () => ({ path: '/v1/jobs/stats?refresh=true', ...auth(tokens[random(OWNERS)]) }) }),
    allStats: await load({ ...base, connections: 1, next: () => ({ path: '/v1/jobs/stats?scope=all&refresh=true', ...auth(adminToken) }) }),
    getBefore: await load({ ...base, next: getById }),
  };

  log(`purging the oldest ${Math.floor(JOBS / 2).toLocaleString('en')} jobs while measuring GET /v1/jobs/:id`);
  const cutoff = (await db.query(`SELECT created_at FROM jobs ORDER BY created_at OFFSET ${Math.floor(JOBS / 2) - 1} LIMIT 1`)).rows[0].created_at;
  const purgeQuery = `createdBefore=${new Date(cutoff.getTime() + 1).toISOString()}&includeActive=true`;
  const dryRun = await (await fetch(`${stack.api.url}/v1/admin/jobs?${purgeQuery}&dryRun=true`, { method: 'DELETE', ...auth(adminToken) })).json();
  log(`dry run: ${JSON.stringify(dryRun)} for ${purgeQuery}`);
  const purgeStarted = Date.now();
  const purge = fetch(`${stack.api.url}/v1/admin/jobs?${purgeQuery}`, {
    method: 'DELETE',
    ...auth(adminToken),
  }).then(async (response) => ({ status: response.status, body: await response.json(), ms: Date.now() - purgeStarted }));
  const during = [];
  let purged;
  purge.then((value) => (purged = value));
  while (!purged) during.push(await load({ ...base, duration: 2, next: getById }));
  if (purged.status !== 200) throw new Error(`the purge was refused: ${purged.status} ${JSON.stringify(purged.body)}`);
  const getDuring = during.reduce(
    (sum, part) => ({ requests: sum.requests + part.requests, failures: sum.failures + part.failures, p50: Math.max(sum.p50, part.p50), p95: Math.max(sum.p95, part.p95), p99: Math.max(sum.p99, part.p99) }),
    { requests: 0, failures: 0, p50: 0, p95: 0, p99: 0 },
  );
  const left = (await db.query('SELECT count(*)::int AS count FROM jobs')).rows[0].count;

  console.log(`Seeded ${JOBS} jobs (${OWNERS} owners in 100 organisations, 30 days) and their results in ${(seedMs / 1000).toFixed(0)} s.`);
  console.log(`autocannon, ${base.connections} connections, ${base.duration} s per row (one connection for the statistics, which are one caller's request at a time); latencies from every response.\n`);
  console.log('| request | requests | errors | p50 ms | p95 ms | p99 ms | target |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(row('list, first page (owner + org)', figures.firstPage, 'p95 < 20 ms'));
  console.log(row('list, 10th page by cursor', figures.tenthPage, 'p95 < 20 ms'));
  console.log(row('list, scope=all status=FAILED (admin)', figures.adminFirstPage));
  console.log(row('stats, one owner (+ their org), refresh=true', figures.ownerStats, '< 50 ms'));
  console.log(row('stats, scope=all, refresh=true', figures.allStats, '< 500 ms'));
  console.log(row('GET /v1/jobs/:id before the purge', figures.getBefore));
  console.log(row('GET /v1/jobs/:id during the purge (worst 2 s window)', getDuring));
  console.log(
    `\nPurge of the oldest ${purged.body.deleted} jobs (with their results): ${(purged.ms / 1000).toFixed(1)} s (target < 60 s); ${left} jobs left.` +
      ` p99 of GET /v1/jobs/:id during the purge ÷ before: ${(getDuring.p99 / figures.getBefore.p99).toFixed(2)}× (target ≤ 2×).\n`,
  );
  console.log(`### Query plans of the listing SQL at ${JOBS.toLocaleString('en')} rows\n`);
  console.log(plans);
} finally {
  await db.end();
  await stack.stop();
  await server.stop();
}

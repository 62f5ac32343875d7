// Submit-to-start and submit-to-completion latency of small jobs, one at a time: the platform
// (HTTP API → job row + queue entry → worker → result row) against raw pg-boss (send → work →
// complete) on the same PostgreSQL in the same run. Usage: pnpm bench:latency [jobs=200]
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, openEventStream, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { PgBoss } from 'pg-boss';

const count = Number(process.argv[2] ?? 200);
const POLL_MS = 2;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(values) {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
}

async function serverTimes(url, sql, ids) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(sql, [ids]);
    return { toStart: rows.map((row) => Number(row.to_start)), toFinish: rows.map((row) => Number(row.to_finish)) };
  } finally {
    await db.end();
  }
}

async function measurePlatform(stack, label = 'bench') {
  const client = stack.client.withToken(mintToken({ sub: uniqueSubject(label) }));
  const observed = [];
  const ids = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const { body } = await client.post('/v1/jobs', { type: 'text.indicators', payload: { text: `beacon 192.0.2.${index % 250} evil${index}.example.com` } });
    for (;;) {
      const { body: job } = await client.get(`/v1/jobs/${body.jobId}/status`);
      if (job.status === 'COMPLETED') break;
      if (job.status === 'FAILED') throw new Error(`job failed: ${JSON.stringify(job.error)}`);
      await sleep(POLL_MS);
    }
    observed.push(performance.now() - started);
    ids.push(body.jobId);
  }
  const server = await serverTimes(
    stack.database.url,
    `SELECT extract(epoch FROM (started_at - created_at)) * 1000 AS to_start,
            extract(epoch FROM (finished_at - created_at)) * 1000 AS to_finish
       FROM jobs WHERE id = ANY($1::uuid[])`,
    ids,
  );
  return { observed, ...server };
}

/** The same shape of work on raw pg-boss with its best latency settings (LISTEN/NOTIFY). */
async function measureRawPgBoss(url) {
  const boss = new PgBoss({ connectionString: url, useListenNotify: true, supervise: false, schedule: false });
  await boss.start();
  const queue = 'bench-baseline';
  await boss.createQueue(queue, { notify: true });
  await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => ({ ok: true }));
  const observed = [];
  const ids = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const started = performance.now();
      const id = await boss.send(queue, { index });
      for (;;) {
        const [job] = await boss.findJobs(queue, { id });
        if (job?.state === 'completed') break;
        await sleep(POLL_MS);
      }
      observed.push(performance.now() - started);
      ids.push(id);
    }
  } finally {
    await boss.stop({ graceful: false });
  }
  const server = await serverTimes(
    url,
    `SELECT extract(epoch FROM (started_on - created_on)) * 1000 AS to_start,
            extract(epoch FROM (completed_on - created_on)) * 1000 AS to_finish
       FROM pgboss.job WHERE id = ANY($1::uuid[])`,
    ids,
  );
  return { observed, ...server };
}

/** Background load: pairs of small jobs every 100 ms (20 jobs a second, well within one worker's capacity), until stopped. */
function startBackgroundLoad(stack) {
  const client = stack.client.withToken(mintToken({ sub: uniqueSubject('load') }));
  const jobs = Array.from({ length: 2 }, (_, index) => ({ type: 'text.indicators', payload: { text: `load ${index} 192.0.2.${index}` } }));
  let running = true;
  const loop = (async () => {
    while (running) {
      await Promise.all([client.post('/v1/jobs/batch', { jobs }), sleep(100)]);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/** Delay from the worker's write of a progress report (the job's updatedAt, the last part of the event's id) to the SSE client. */
async function measureStreamDelay(stack) {
  const token = mintToken({ sub: uniqueSubject('stream') });
  const client = stack.client.withToken(token);
  const { body } = await client.post('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 4_000, steps: 200 } });
  const stream = await openEventStream(`${stack.api.url}/v1/jobs/${body.jobId}/stream`, { authorization: `Bearer ${token}` });
  const delays = [];
  for (let event = await stream.next(); event; event = await stream.next()) {
    if (event.event === 'progress') delays.push(Date.now() - Number(event.id.split('.').at(-1)));
  }
  return delays;
}

const server = await startTestPostgres();
const diagnostics = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
const stack = await startStack({ workers: 1, apiEnv: diagnostics, workerEnv: diagnostics });
try {
  const platform = await measurePlatform(stack);
  const streamDelays = await measureStreamDelay(stack);
  const stopLoad = startBackgroundLoad(stack);
  await sleep(2_000);
  const loaded = await measurePlatform(stack, 'loaded');
  await stopLoad();
  const raw = await measureRawPgBoss(stack.database.url);
  const rows = [
    ['client: submit → sees COMPLETED', 'observed'],
    ['server: created → started', 'toStart'],
    ['server: created → finished', 'toFinish'],
  ];
  console.log(`${count} jobs one at a time; client polls every ${POLL_MS} ms; one worker; LISTEN/NOTIFY on both sides`);
  console.log('| measure | platform p50 / p95 / p99 (ms) | raw pg-boss p50 / p95 / p99 (ms) | p50 ratio |');
  console.log('|---|---|---|---|');
  for (const [label, key] of rows) {
    const ours = summary(platform[key]);
    const theirs = summary(raw[key]);
    const format = (s) => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.p99.toFixed(1)}`;
    console.log(`| ${label} | ${format(ours)} | ${format(theirs)} | ${(ours.p50 / theirs.p50).toFixed(2)}× |`);
  }
  const idle = summary(platform.toStart);
  const busy = summary(loaded.toStart);
  const sse = summary(streamDelays);
  console.log(`\nEnqueue → start (server), idle worker: p50 ${idle.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms;` +
    ` under 20 jobs/s of background load: p50 ${busy.p50.toFixed(1)} ms, p99 ${busy.p99.toFixed(1)} ms (p50 ${(busy.p50 / idle.p50).toFixed(2)}× idle).`);
  console.log(`SSE progress events, worker write → client: p50 ${sse.p50.toFixed(1)} ms, p95 ${sse.p95.toFixed(1)} ms, p99 ${sse.p99.toFixed(1)} ms over ${streamDelays.length} events.`);
} finally {
  await stack.stop();
  await server.stop();
}

// Submit-to-completion latency of small text.indicators jobs through the real API and one worker.
// Usage: pnpm bench:latency [jobs=50]. Starts its own PostgreSQL (embedded unless DATABASE_URL is set).
import { startTestPostgres } from '@jobs/database';
import { mintToken, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';

const count = Number(process.argv[2] ?? 50);
const server = await startTestPostgres();
const stack = await startStack({ workers: 1 });
try {
  const client = stack.client.withToken(mintToken({ sub: uniqueSubject('bench') }));
  const observed = [];
  const ids = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const { body } = await client.post('/v1/jobs', { type: 'text.indicators', payload: { text: `beacon 192.0.2.${index % 250} evil${index}.example.com` } });
    for (;;) {
      const { body: job } = await client.get(`/v1/jobs/${body.jobId}/status`);
      if (job.status === 'COMPLETED') break;
      if (job.status === 'FAILED') throw new Error(`job failed: ${JSON.stringify(job.error)}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    observed.push(performance.now() - started);
    ids.push(body.jobId);
  }
  const db = new pg.Client({ connectionString: stack.database.url });
  await db.connect();
  const { rows } = await db.query(
    `SELECT extract(epoch FROM (started_at - created_at)) * 1000 AS queued_ms,
            extract(epoch FROM (finished_at - created_at)) * 1000 AS total_ms
       FROM jobs WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  await db.end();
  const percentile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
  };
  const report = (label, values) => console.log(`${label.padEnd(44)} p50 ${percentile(values, 50)} ms  p95 ${percentile(values, 95)} ms  max ${percentile(values, 100)} ms`);
  console.log(`${count} jobs, one at a time, one worker (WORKER_POLL_INTERVAL_SECONDS=0.5, LISTEN/NOTIFY on)`);
  report('client: POST → status COMPLETED (2 ms polls)', observed);
  report('server: created_at → started_at', rows.map((row) => Number(row.queued_ms)));
  report('server: created_at → finished_at', rows.map((row) => Number(row.total_ms)));
} finally {
  await stack.stop();
  await server.stop();
}

// Firing at scale: N schedules due every minute (the default minimum interval), fired by two workers.
// Per minute boundary: jobs made (one per schedule, never two: the unique rule), and the lateness of
// each firing — planned time to the job's commit (`created_at`) and to its handler's start
// (`started_at`), p50, p95 and max. Usage: pnpm bench:schedules [schedules=1000] [minutes=2]
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';
import { API_ENV, workerEnv } from './noop-load.mjs';

const SCHEDULES = Number(process.argv[2] ?? 1000);
const MINUTES = Number(process.argv[3] ?? 2);

const server = await startTestPostgres();
const stack = await startStack({ workers: 2, apiEnv: API_ENV, workerEnv: workerEnv(64) });
const db = new pg.Client({ connectionString: stack.database.url });
await db.connect();
try {
  const client = stack.client.withToken(mintToken({ sub: uniqueSubject('bench') }, { expiresIn: '1h' }));
  for (let offset = 0; offset < SCHEDULES; offset += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, SCHEDULES - offset) }, async (_, index) => {
        const response = await client.post('/v1/schedules', { name: `minutely ${offset + index}`, cron: '* * * * *', type: 'bench.noop', payload: { sequence: offset + index } });
        if (response.status !== 201) throw new Error(`schedule refused: ${JSON.stringify(response.body)}`);
      }),
    );
  }
  const firstMinute = Math.ceil(Date.now() / 60_000) * 60_000;
  console.log(`${SCHEDULES} schedules created; measuring the firings at ${MINUTES} minute boundaries from ${new Date(firstMinute).toISOString()}`);
  await sleep(firstMinute + MINUTES * 60_000 - Date.now() + 15_000);
  const { rows } = await db.query(
    `SELECT scheduled_for AS minute, count(*)::int AS jobs, count(DISTINCT schedule_id)::int AS schedules,
            count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - scheduled_for)) AS made_p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - scheduled_for)) AS made_p95,
            max(extract(epoch FROM created_at - scheduled_for)) AS made_max,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS start_p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS start_p95
       FROM jobs WHERE schedule_id IS NOT NULL AND scheduled_for >= $1 AND scheduled_for < $2
      GROUP BY scheduled_for ORDER BY scheduled_for`,
    [new Date(firstMinute), new Date(firstMinute + MINUTES * 60_000)],
  );
  const seconds = (value) => `${Number(value).toFixed(2)} s`;
  console.log('| planned | jobs | schedules | completed | made p50 | made p95 | made max | started p50 | started p95 |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.minute.toISOString()} | ${row.jobs} | ${row.schedules} | ${row.completed} | ${seconds(row.made_p50)} | ${seconds(row.made_p95)} | ${seconds(row.made_max)} | ${seconds(row.start_p50)} | ${seconds(row.start_p95)} |`,
    );
  }
} finally {
  await db.end();
  await stack.stop();
  await server.stop();
}

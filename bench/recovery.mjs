// Recovery after a worker's death: a worker is SIGKILLed while it runs a job, with another worker
// up, and the time from the kill to the start of the job's next attempt (its `startedAt` on the
// other worker) is measured, several times. Only the public status route is read, so the same script
// measures a build without the dead-worker sweep (the baseline: pg-boss's heartbeat expiry).
// Workers run with the production defaults (poll every 2 s, supervise every 15 s).
// Usage: pnpm bench:recovery [repetitions=5]
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, sleep, startStack, uniqueSubject, waitUntil } from '@jobs/testing';

const REPETITIONS = Number(process.argv[2] ?? 5);
const ENV = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
const WORKER_ENV = { ...ENV, WORKER_POLL_INTERVAL_SECONDS: '2', WORKER_SUPERVISE_INTERVAL_SECONDS: '15' };

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const server = await startTestPostgres();
const stack = await startStack({ workers: 1, apiEnv: ENV, workerEnv: WORKER_ENV });
const client = stack.client.withToken(mintToken({ sub: uniqueSubject('recovery') }));
const status = async (id) => (await client.get(`/v1/jobs/${id}/status`)).body;
const seconds = [];
try {
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    // The only live worker takes the job; a second one starts; the first is killed mid-job.
    const victim = stack.workers.at(-1);
    const { jobId } = (await client.post('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 120_000, steps: 120 }, maxAttempts: 3 })).body;
    await waitUntil(() => status(jobId), (job) => job.status === 'PROCESSING' && (job.progress?.current ?? 0) >= 1, { timeoutMs: 60_000 });
    await stack.startWorker();
    await sleep(1_000);
    const killedAt = Date.now();
    victim.kill('SIGKILL');
    await victim.exited;
    const next = await waitUntil(() => status(jobId), (job) => job.attempts >= 2 && job.status === 'PROCESSING', { timeoutMs: 120_000, intervalMs: 50 });
    const recovery = (new Date(next.startedAt).getTime() - killedAt) / 1000;
    seconds.push(recovery);
    console.log(`repetition ${repetition}: kill → next attempt started ${recovery.toFixed(2)} s`);
    await client.post(`/v1/jobs/${jobId}/cancel`);
  }
  console.log(`\nkill → next attempt on the other worker, ${REPETITIONS} repetitions: median ${percentile(seconds, 50).toFixed(2)} s, min ${Math.min(...seconds).toFixed(2)} s, max ${Math.max(...seconds).toFixed(2)} s`);
} finally {
  await stack.stop();
  await server.stop();
}

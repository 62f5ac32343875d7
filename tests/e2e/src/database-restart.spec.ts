import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobSummary, ProblemDetails } from '@jobs/contracts';
import { migrate, MIGRATIONS_DIR } from '@jobs/database';
import { createDatabaseIfMissing, freePort, type RunningPostgres, startEmbeddedPostgres } from '@jobs/dev-postgres';
import {
  ApiClient,
  type ManagedProcess,
  mintToken,
  type RunningApi,
  sleep,
  startApi,
  startWorker,
  TEST_JWT_SECRET,
  uniqueSubject,
  waitUntil,
} from '@jobs/testing';

const TERMINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

describe('PostgreSQL stopped and started during a stream of submissions', () => {
  let dataDir: string;
  let port: number;
  let postgres: RunningPostgres;
  let api: RunningApi;
  let worker: ManagedProcess;
  let client: ApiClient;

  const startPostgres = () => startEmbeddedPostgres({ dataDir, port, database: 'jobs' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jobs-restart-'));
    port = await freePort();
    postgres = await startPostgres();
    await createDatabaseIfMissing(postgres.adminUrl, 'jobs');
    await migrate({ connectionString: postgres.url, migrationsDir: MIGRATIONS_DIR });
    const env = { DATABASE_URL: postgres.url, ENABLE_DIAGNOSTIC_JOBS: 'true' };
    api = await startApi({ ...env, JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '0' });
    worker = await startWorker({ ...env, WORKER_POLL_INTERVAL_SECONDS: '0.5', WORKER_SUPERVISE_INTERVAL_SECONDS: '3' });
    client = new ApiClient(api.url, mintToken({ sub: uniqueSubject('resilient') }, { expiresIn: '10m' }));
  });

  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop()]);
    await postgres?.stop();
  });

  it('answers 503 while the database is away, recovers by itself, and runs every accepted job to the end', async () => {
    const accepted: string[] = [];
    const statuses: number[] = [];
    let submitting = true;
    const submitter = (async () => {
      for (let index = 0; submitting; index += 1) {
        const response = await client
          .post<Record<string, unknown>>('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 200, steps: 2 } })
          .catch(() => null);
        if (response) {
          statuses.push(response.status);
          if (response.status === 202) accepted.push(String(response.body['jobId']));
          else if (response.status === 503) expect(response.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
        }
        await sleep(50);
      }
    })();

    await sleep(1_500);
    await postgres.stop();
    await sleep(3_000);
    const whileDown = await client.get<ProblemDetails>('/health/ready');
    expect(whileDown.status).toBe(503);
    postgres = await startPostgres();
    await waitUntil(async () => (await client.get('/health/ready')).status, (status) => status === 200, { timeoutMs: 30_000, intervalMs: 250 });
    await sleep(1_500);
    submitting = false;
    await submitter;

    if (statuses.some((status) => status >= 500 && status !== 503)) {
      // The errors behind unexpected statuses, not the request lines of the expected 503s.
      console.log(api.process.logs().split('\n').filter((line) => line.includes('"level":50') && !line.includes('Health Check') && !line.includes('"statusCode":503')).slice(-10).join('\n'));
    }
    expect(statuses).toContain(503);
    expect(statuses.filter((status) => status !== 202 && status !== 503)).toEqual([]);
    expect(statuses.at(-1)).toBe(202);
    const finished = await Promise.all(
      accepted.map((jobId) =>
        waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body, (job) => TERMINAL.includes(job.status), {
          timeoutMs: 90_000,
          intervalMs: 500,
        }),
      ),
    );
    expect(finished.filter((job) => job.status !== 'COMPLETED').map((job) => [job.id, job.status, job.error])).toEqual([]);
  });
});

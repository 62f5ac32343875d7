import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, JobErrorCode } from '@jobs/contracts';
import { NotificationListener } from '@jobs/database';
import { BENCH_NOOP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import { jobEntries, storedJob, webhookEntries } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { type HeldAttempt, attemptOn, completeAttempt, endRetryBackoffs, fetchAndClaim } from '../testing/worker-steps.js';
import { registerWorker } from './register-worker.js';

/** A worker process as the database sees it: registered through a session of its own, which it can lose. */
class FakeWorker {
  readonly id = randomUUID();
  private readonly session: NotificationListener;

  constructor(url: string) {
    this.session = new NotificationListener({ url, channels: ['fake_worker'], onConnect: (session) => registerWorker(session, { id: this.id, host: 'test', pid: 1 }) });
  }

  start(): Promise<void> {
    return this.session.start();
  }

  /** What SIGKILL does to a worker, as PostgreSQL sees it: its session ends. */
  die(): Promise<void> {
    return this.session.stop();
  }
}

describe('recovery of the jobs of dead workers', () => {
  let domain: JobDomain;
  const owner = newViewer();
  const workers: FakeWorker[] = [];

  beforeAll(async () => {
    domain = await openJobDomain('api');
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.die()));
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function workerRunning(extra: Partial<CreateJobRequest> = {}): Promise<{ worker: FakeWorker; held: HeldAttempt }> {
    const worker = new FakeWorker(domain.database.url);
    workers.push(worker);
    await worker.start();
    const id = (await domain.submission.submit(owner, { type: BENCH_NOOP.name, payload: {}, ...extra })).jobs[0]?.id ?? '';
    return { worker, held: attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name, worker.id), id) };
  }

  /** Its heartbeat as old as a dead worker's would be (without waiting for it to age). */
  const silence = (worker: FakeWorker) => domain.prisma.$executeRaw`UPDATE workers SET heartbeat_at = now() - interval '1 minute' WHERE id = ${worker.id}::uuid`;

  const sessionGone = (worker: FakeWorker) =>
    waitUntil(
      () => domain.prisma.$queryRaw<{ alive: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM workers w JOIN pg_stat_activity s ON s.pid = w.backend_pid WHERE w.id = ${worker.id}::uuid) AS alive`,
      ([row]) => row?.alive === false,
    );

  const attemptsOf = (id: string) => domain.prisma.$queryRaw<{ number: number; outcome: string | null; errorCode: string | null; workerId: string | null }[]>`
    SELECT number, outcome, error_code AS "errorCode", worker_id::text AS "workerId" FROM job_attempts WHERE job_id = ${id}::uuid ORDER BY started_at, number`;

  it('leaves the jobs of a live worker alone, even one too busy to heartbeat', async () => {
    const { worker, held } = await workerRunning({ maxAttempts: 2 });
    await silence(worker);
    await domain.withExecution(async (execution) => {
      expect(await execution.recoverLostWorkers()).toBe(0);
    });
    expect(await storedJob(domain.prisma, held.row.id)).toMatchObject({ status: 'PROCESSING', attempts: 1 });
    expect(await attemptsOf(held.row.id)).toEqual([{ number: 1, outcome: null, errorCode: null, workerId: worker.id }]);
    expect(await completeAttempt(domain.prisma, held)).toEqual([held.row.id]);
  });

  it('fails the running attempt of a dead worker as LOST and hands its entry back for a retry that runs elsewhere', async () => {
    const { worker, held } = await workerRunning({ maxAttempts: 2 });
    await worker.die();
    await sessionGone(worker);
    await silence(worker);
    await domain.withExecution(async (execution) => {
      // Several live workers sweep at once: the fence lets exactly one recover the attempt.
      const recovered = await Promise.all([execution.recoverLostWorkers(), execution.recoverLostWorkers(), execution.recoverLostWorkers()]);
      expect(recovered.reduce((sum, count) => sum + count, 0)).toBe(1);
      expect(await execution.recoverLostWorkers()).toBe(0);
    });
    expect(await storedJob(domain.prisma, held.row.id)).toMatchObject({ status: 'PENDING', attempts: 1, errorCode: JobErrorCode.WORKER_LOST });
    expect(await attemptsOf(held.row.id)).toEqual([{ number: 1, outcome: 'LOST', errorCode: JobErrorCode.WORKER_LOST, workerId: worker.id }]);
    expect(await jobEntries(domain.prisma, held.row.id)).toEqual([expect.objectContaining({ state: 'retry' })]);
    const [retired] = await domain.prisma.$queryRaw<{ stopped: boolean }[]>`SELECT stopped_at IS NOT NULL AS stopped FROM workers WHERE id = ${worker.id}::uuid`;
    expect(retired?.stopped).toBe(true);
    // The dead worker's late write is fenced out; the next claim runs attempt 2.
    expect(await completeAttempt(domain.prisma, held)).toEqual([]);
    await endRetryBackoffs(domain.prisma);
    const next = attemptOn(await fetchAndClaim(domain, BENCH_NOOP.name), held.row.id);
    expect(next.row.attempt).toBe(2);
    expect(await completeAttempt(domain.prisma, next)).toEqual([held.row.id]);
    expect((await attemptsOf(held.row.id)).map((attempt) => attempt.outcome)).toEqual(['LOST', 'COMPLETED']);
  });

  it('fails the job for good when the dead worker was running its last attempt, with its webhook queued once', async () => {
    const { worker, held } = await workerRunning({ maxAttempts: 1, webhook: { url: 'https://hooks.example.com/jobs', secret: 'shh' } });
    await worker.die();
    await sessionGone(worker);
    await silence(worker);
    await domain.withExecution(async (execution) => {
      expect(await execution.recoverLostWorkers()).toBe(1);
    });
    expect(await storedJob(domain.prisma, held.row.id)).toMatchObject({ status: 'FAILED', errorCode: JobErrorCode.WORKER_LOST });
    expect(await attemptsOf(held.row.id)).toEqual([expect.objectContaining({ outcome: 'LOST' })]);
    expect(await webhookEntries(domain.prisma, held.row.id)).toHaveLength(1);
  });

  it('waits for a dead worker to be silent a moment, so one that reconnects keeps its jobs', async () => {
    const { worker, held } = await workerRunning({ maxAttempts: 2 });
    await worker.die();
    await sessionGone(worker);
    // Its last heartbeat is recent: it may be reconnecting.
    await domain.withExecution(async (execution) => {
      expect(await execution.recoverLostWorkers()).toBe(0);
    });
    expect(await storedJob(domain.prisma, held.row.id)).toMatchObject({ status: 'PROCESSING', attempts: 1 });
  });

  it('registers a running worker and marks it stopped when it stops', async () => {
    let id = '';
    await domain.withExecution(async (execution) => {
      id = execution.workerId;
      const [row] = await domain.prisma.$queryRaw<{ alive: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM pg_stat_activity s WHERE s.pid = w.backend_pid AND s.backend_start = w.backend_started_at) AS alive
          FROM workers w WHERE w.id = ${id}::uuid AND w.stopped_at IS NULL`;
      expect(row?.alive).toBe(true);
    });
    const [row] = await domain.prisma.$queryRaw<{ stopped: boolean }[]>`SELECT stopped_at IS NOT NULL AS stopped FROM workers WHERE id = ${id}::uuid`;
    expect(row?.stopped).toBe(true);
  });
});

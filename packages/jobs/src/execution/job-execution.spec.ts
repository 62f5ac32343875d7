import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { JobErrorCode } from '@jobs/contracts';
import { BENCH_NOOP, DIAGNOSTICS_SLEEP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import { jobEntries, storedJob } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { NotificationRecorder } from '../testing/notification-recorder.js';
import { Gate, ScriptedRunner } from '../testing/scripted-runner.js';
import type { WorkOptions } from './job-execution.service.js';
import { JobFailure } from './job-failure.js';
import { toJobProgress } from './progress-reporter.js';

describe('JobExecution.work', () => {
  let domain: JobDomain;
  const owner = newViewer();
  // Retries are not announced: a short poll finds them once their backoff is over.
  const options: WorkOptions = { concurrency: 4, pollIntervalSeconds: 0.2 };

  beforeAll(async () => {
    domain = await openJobDomain('worker');
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function submitNoops(count: number): Promise<string[]> {
    const requests = Array.from({ length: count }, (_, sequence) => ({ type: BENCH_NOOP.name, payload: { sequence } }));
    return (await domain.submission.submitBatch(owner, requests)).jobs.map((job) => job.id);
  }

  const statusOf = async (id: string) => (await storedJob(domain.prisma, id))?.status;
  const untilStatus = (id: string, status: string) => waitUntil(() => statusOf(id), (current) => current === status, { timeoutMs: 30_000 });

  it('runs claimed jobs through the runner, storing each result and settling its entry', async () => {
    const ids = await submitNoops(3);
    const runner = new ScriptedRunner(async (job) => ({ status: 'completed', data: { echoed: job.payload } }));
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      for (const id of ids) await untilStatus(id, 'COMPLETED');
    });
    for (const [sequence, id] of ids.entries()) {
      expect(runner.started.find((job) => job.id === id)).toMatchObject({ type: BENCH_NOOP.name, attempt: 1, maxAttempts: 1, payload: { sequence } });
      expect(runner.settlementsOf(id)).toEqual(['COMPLETED']);
      expect((await domain.reads.findResult(owner, id)).data).toEqual({ echoed: { sequence } });
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'completed' })]);
    }
  });

  it('retries a failed attempt while attempts remain, and completes on a later one', async () => {
    const [id = ''] = (await domain.submission.submit(owner, { type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 }, maxAttempts: 2 })).jobs.map((job) => job.id);
    const runner = new ScriptedRunner(async (job) => {
      if (job.attempt === 1) throw Object.assign(new Error('flaky'), { code: 'Flaky' });
      return { status: 'completed', data: { attempt: job.attempt } };
    });
    await domain.withExecution(async (execution) => {
      execution.work(DIAGNOSTICS_SLEEP.name, options, runner);
      await untilStatus(id, 'COMPLETED');
    });
    expect(runner.settlementsOf(id)).toEqual(['RETRYING', 'COMPLETED']);
    expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'COMPLETED', attempts: 2, errorCode: null, results: 1 });
  });

  it('fails a job for good on its last attempt, or at once when running it again cannot help', async () => {
    const submission = await domain.submission.submitBatch(owner, [
      { type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 }, maxAttempts: 1 },
      { type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 }, maxAttempts: 3 },
    ]);
    const [lastAttempt = '', hopeless = ''] = submission.jobs.map((job) => job.id);
    const runner = new ScriptedRunner(async (job) =>
      job.id === lastAttempt ? { status: 'failed', failure: new JobFailure('Boom', 'it broke') } : { status: 'failed', failure: JobFailure.invalidPayload('bad') },
    );
    await domain.withExecution(async (execution) => {
      execution.work(DIAGNOSTICS_SLEEP.name, options, runner);
      for (const id of [lastAttempt, hopeless]) await untilStatus(id, 'FAILED');
    });
    expect(await storedJob(domain.prisma, lastAttempt)).toMatchObject({ attempts: 1, errorCode: 'Boom', results: 0 });
    expect(await storedJob(domain.prisma, hopeless)).toMatchObject({ attempts: 1, errorCode: JobErrorCode.INVALID_PAYLOAD, results: 0 });
    for (const id of [lastAttempt, hopeless]) {
      expect(runner.settlementsOf(id)).toEqual(['FAILED']);
      expect(await jobEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'completed' })]);
    }
  });

  it('writes the progress a running handler reports', async () => {
    const [id = ''] = await submitNoops(1);
    const finish = new Gate();
    const runner = new ScriptedRunner(async (job) => {
      job.reportProgress(toJobProgress(3, 10, 'three of ten'));
      await finish.opened;
      return { status: 'completed', data: {} };
    });
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      const running = await waitUntil(() => domain.reads.findVisible(owner, id), (job) => job.progress !== null);
      expect(running).toMatchObject({ status: 'PROCESSING', progress: { current: 3, total: 10, message: 'three of ten', percentage: 30 } });
      finish.open();
      await untilStatus(id, 'COMPLETED');
    });
  });

  it('aborts a running handler when its job is cancelled, and stores no result', async () => {
    const [id = ''] = await submitNoops(1);
    const reasons: unknown[] = [];
    const runner = new ScriptedRunner(
      (job) =>
        new Promise((resolve) => {
          job.signal.addEventListener('abort', () => {
            reasons.push(job.signal.reason);
            resolve({ status: 'failed', failure: JobFailure.from(job.signal.reason) });
          });
        }),
    );
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      await untilStatus(id, 'PROCESSING');
      await domain.control.cancel(owner, id);
      await waitUntil(async () => runner.settlementsOf(id), (settlements) => settlements.length > 0);
    });
    expect(reasons).toEqual([expect.objectContaining({ code: JobErrorCode.CANCELLED })]);
    expect(runner.settlementsOf(id)).toEqual(['CANCELLED']);
    expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'CANCELLED', results: 0 });
  });

  it('claims a backlog in one statement per fetch and writes the completions of many jobs in fewer statements than jobs', async () => {
    const count = 20;
    const ids = await submitNoops(count);
    const recorder = await NotificationRecorder.start(domain.database.url);
    // Every attempt waits until all have started, then all end together.
    const allStarted = new Gate();
    const runner = new ScriptedRunner(async () => {
      if (runner.started.length === count) allStarted.open();
      await allStarted.opened;
      return { status: 'completed', data: {} };
    });
    try {
      await domain.withExecution(async (execution) => {
        execution.work(BENCH_NOOP.name, { concurrency: count, pollIntervalSeconds: 0.2 }, runner);
        for (const id of ids) await untilStatus(id, 'COMPLETED');
      });
      const notificationsWith = (status: string) =>
        recorder.jobChangeNotifications().filter((changes) => changes.some((change) => ids.includes(change.id) && change.status === status));
      const changedTo = (status: string) => notificationsWith(status).flat().filter((change) => change.status === status).length;
      await waitUntil(async () => changedTo('COMPLETED'), (heard) => heard === count);
      // Each notification is one statement's changes: the owner's share of the slots (bench.noop is
      // shared fairly, half of 20), then the ten lent to it, as nobody else wants them.
      expect(notificationsWith('PROCESSING').map((changes) => changes.length)).toEqual([10, 10]);
      expect(changedTo('PROCESSING')).toBe(count);
      expect(notificationsWith('COMPLETED').length).toBeLessThan(count);
    } finally {
      await recorder.stop();
    }
  });
});

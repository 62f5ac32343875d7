import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { BENCH_NOOP, DIAGNOSTICS_SLEEP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import type { WorkOptions } from '../execution/job-execution.service.js';
import { JobFailure } from '../execution/job-failure.js';
import { storedJob } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { NotificationRecorder } from '../testing/notification-recorder.js';
import { ScriptedRunner } from '../testing/scripted-runner.js';
import { insertJobLogs } from './insert-job-logs.js';

/** Small, so the bound is reached in a few lines. */
const BOUND = { maxLines: 5, maxBytes: 1000 };

describe('job logs', () => {
  let domain: JobDomain;
  const owner = newViewer();
  const options: WorkOptions = { concurrency: 8, pollIntervalSeconds: 0.2 };

  beforeAll(async () => {
    domain = await openJobDomain('worker', { logBound: BOUND });
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function submit(type: string, count: number, maxAttempts = 1): Promise<string[]> {
    const requests = Array.from({ length: count }, (_, sequence) => ({ type, payload: type === BENCH_NOOP.name ? { sequence } : { durationMs: 0 }, maxAttempts }));
    return (await domain.submission.submitBatch(owner, requests)).jobs.map((job) => job.id);
  }

  const untilFinished = (id: string) =>
    waitUntil(
      () => storedJob(domain.prisma, id),
      (job) => job?.status === 'COMPLETED' || job?.status === 'FAILED',
      { timeoutMs: 30_000 },
    );

  const linesOf = (id: string) => domain.reads.logsAfter(id, 0, 100);

  it("stores each job's lines in order, complete once the job has finished, many jobs' lines a statement", async () => {
    const ids = await submit(BENCH_NOOP.name, 12);
    const recorder = await NotificationRecorder.start(domain.database.url);
    const runner = new ScriptedRunner(async (job) => {
      for (let line = 1; line <= 4; line += 1) job.log(line === 4 ? 'warn' : 'info', `line ${line}`, line === 2 ? { step: line, nested: { ok: true } } : null);
      return { status: 'completed', data: {} };
    });
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      for (const id of ids) {
        await untilFinished(id);
        // Written before the end was recorded: complete as soon as the job is.
        expect((await linesOf(id)).map((line) => line.message)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
      }
    });
    const lines = await linesOf(ids[0] ?? '');
    expect(lines.map((line) => [line.seq, line.attempt, line.level, line.fields, line.truncated])).toEqual([
      [1, 1, 'info', null, false],
      [2, 1, 'info', { step: 2, nested: { ok: true } }, false],
      [3, 1, 'info', null, false],
      [4, 1, 'warn', null, false],
    ]);
    await waitUntil(
      async () => recorder.jobLogNotifications().flat().length,
      (count) => count > 0,
    );
    // 48 lines in fewer statements (one notification per statement at this size).
    const notifications = recorder.jobLogNotifications();
    expect(notifications.length).toBeLessThan(48);
    expect(new Set(notifications.flat().map((notice) => notice.id))).toEqual(new Set(ids));
    await recorder.stop();
  });

  it('keeps a job to its bound of lines, then one truncated marker, across attempts', async () => {
    const [id = ''] = await submit(DIAGNOSTICS_SLEEP.name, 1, 2);
    const runner = new ScriptedRunner(async (job) => {
      for (let line = 1; line <= 3; line += 1) job.log('info', `attempt ${job.attempt} line ${line}`);
      if (job.attempt === 1) return { status: 'failed', failure: new JobFailure('Flaky', 'try again') };
      for (let line = 4; line <= 20; line += 1) job.log('info', `attempt ${job.attempt} line ${line}`);
      return { status: 'completed', data: {} };
    });
    await domain.withExecution(async (execution) => {
      execution.work(DIAGNOSTICS_SLEEP.name, options, runner);
      await waitUntil(
        () => storedJob(domain.prisma, id),
        (job) => job?.status === 'COMPLETED',
        { timeoutMs: 30_000 },
      );
    });
    const lines = await linesOf(id);
    expect(lines.map((line) => [line.seq, line.attempt, line.truncated])).toEqual([
      [1, 1, false],
      [2, 1, false],
      [3, 1, false],
      [4, 2, false],
      [5, 2, false],
      [6, 2, true],
    ]);
    expect(lines[5]).toMatchObject({ level: 'warn', message: expect.stringContaining('log truncated') });
  });

  it('keeps a job to its bound of bytes', async () => {
    const [id = ''] = await submit(BENCH_NOOP.name, 1);
    const runner = new ScriptedRunner(async (job) => {
      for (let line = 1; line <= 4; line += 1) job.log('error', `${line}`.padEnd(300, 'x'));
      return { status: 'completed', data: {} };
    });
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      await untilFinished(id);
    });
    expect((await linesOf(id)).map((line) => [line.seq, line.message.length, line.truncated])).toEqual([
      [1, 300, false],
      [2, 300, false],
      [3, 300, false],
      [4, expect.any(Number), true],
    ]);
  });

  it('writes the lines of attempts still running when the worker stops, before it gives them back', async () => {
    const [id = ''] = await submit(DIAGNOSTICS_SLEEP.name, 1, 2);
    const runner = new ScriptedRunner(async (job) => {
      job.log('info', 'started');
      // Runs until the worker's shutdown timeout aborts it, and logs on its way out.
      await new Promise((resolve) => job.signal.addEventListener('abort', resolve, { once: true }));
      job.log('warn', 'stopping', { reason: String(job.signal.reason) });
      throw job.signal.reason;
    });
    await domain.withExecution(async (execution) => {
      execution.work(DIAGNOSTICS_SLEEP.name, options, runner);
      await waitUntil(
        () => storedJob(domain.prisma, id),
        (job) => job?.status === 'PROCESSING',
        { timeoutMs: 30_000 },
      );
    });
    expect((await linesOf(id)).map((line) => [line.message, line.level])).toEqual([
      ['started', 'info'],
      ['stopping', 'warn'],
    ]);
    expect(await storedJob(domain.prisma, id)).toMatchObject({ status: 'PENDING' });
  });

  it("drops lines of an attempt the job is no longer on, and of jobs that are gone", async () => {
    const [id = ''] = await submit(BENCH_NOOP.name, 1);
    const full = await insertJobLogs(
      domain.prisma,
      [
        { jobId: id, attempt: 1, level: 'info', loggedAt: new Date(), message: 'not claimed yet', fields: null },
        { jobId: '00000000-0000-4000-8000-000000000000', attempt: 0, level: 'info', loggedAt: new Date(), message: 'no such job', fields: null },
      ],
      BOUND,
    );
    expect(full).toEqual([]);
    expect(await linesOf(id)).toEqual([]);
    const written = await insertJobLogs(domain.prisma, [{ jobId: id, attempt: 0, level: 'debug', loggedAt: new Date(), message: 'current attempt', fields: '{"a":1}' }], BOUND);
    expect(written).toEqual([]);
    expect((await linesOf(id)).map((line) => line.message)).toEqual(['current attempt']);
  });

  it('removes the lines with their job, deleted alone or purged', async () => {
    const [deleted = '', purged = ''] = await submit(BENCH_NOOP.name, 2);
    const runner = new ScriptedRunner(async (job) => {
      job.log('info', 'a line');
      return { status: 'completed', data: {} };
    });
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      for (const id of [deleted, purged]) await untilFinished(id);
    });
    const storedLines = async () => (await domain.prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM job_logs`)[0]?.count;
    expect(await storedLines()).toBe(2);
    await domain.control.delete(owner, deleted);
    expect(await linesOf(deleted)).toEqual([]);
    expect(await storedLines()).toBe(1);
    await domain.control.purge({ scope: { kind: 'all' } });
    expect(await storedLines()).toBe(0);
  });

  it("shows a job's lines only to whoever may see the job", async () => {
    const [id = ''] = await submit(BENCH_NOOP.name, 1);
    await insertJobLogs(domain.prisma, [{ jobId: id, attempt: 0, level: 'info', loggedAt: new Date(), message: 'mine', fields: null }], BOUND);
    expect((await domain.reads.findVisibleLogs(owner, id, 0, 10)).map((line) => line.message)).toEqual(['mine']);
    await expect(domain.reads.findVisibleLogs(newViewer(), id, 0, 10)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});

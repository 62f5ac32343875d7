import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobStatsResponse, JobSummary } from '@jobs/contracts';
import { mintToken, spawnCommand, startStack, type TestStack, uniqueSubject } from '@jobs/testing';

const CLI = fileURLToPath(new URL('../../../packages/client/dist/cli/main.js', import.meta.url));
const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
const execute = promisify(execFile);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the jobs command line', () => {
  let stack: TestStack;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS });
    env = { PATH: process.env['PATH'] ?? '', JOBS_API_URL: stack.api.url, JOBS_TOKEN: mintToken({ sub: uniqueSubject('cli') }, { expiresIn: '1h' }) };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function jobs(...args: string[]): Promise<CliRun> {
    try {
      const { stdout, stderr } = await execute(process.execPath, [CLI, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as CliRun;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('submits and waits, drawing progress, then prints the finished job with its result', async () => {
    const run = await jobs('submit', 'diagnostics.sleep', '--payload', '{"durationMs":1500,"steps":3}', '--wait');
    expect(run.stderr).toMatch(/job [0-9a-f-]{36} accepted/);
    // The first status read may find the job queued or already taken by the worker.
    expect(run.stderr).toMatch(/^\[\?+\]\s+\? (PENDING|PROCESSING)$/m);
    expect(run.stderr).toMatch(/\[#{30}\] 100% COMPLETED/);
    expect(run.code).toBe(0);
    const job = JSON.parse(run.stdout) as JobResponse;
    expect(job).toMatchObject({ status: 'COMPLETED', result: { steps: 3 } });
  });

  it('follows a job\'s event stream with a progress bar', async () => {
    // No worker runs until the follower is attached, so it sees the job's progress however slowly it starts.
    await Promise.all(stack.workers.splice(0).map((worker) => worker.stop()));
    const submitted = await jobs('submit', 'diagnostics.sleep', '--payload', '{"durationMs":2000,"steps":4}');
    expect(submitted.code).toBe(0);
    const { jobId } = JSON.parse(submitted.stdout) as JobAcceptedResponse;
    const follower = spawnCommand('jobs wait --follow', process.execPath, [CLI, 'wait', jobId, '--follow'], env);
    await follower.waitForOutput(/\? PENDING$/m);
    await stack.startWorker();

    expect((await follower.exited).code).toBe(0);
    const percentages = [...follower.logs().matchAll(/\s(\d+)% PROCESSING/g)].map((match) => Number(match[1]));
    expect(percentages.length).toBeGreaterThanOrEqual(2);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    expect(follower.logs()).toContain('"status": "COMPLETED"');
  });

  it('gets, lists, cancels and counts', async () => {
    const { jobId } = JSON.parse((await jobs('submit', 'text.indicators', '--payload', '{"text":"x"}', '--delay', '3600')).stdout) as JobAcceptedResponse;
    expect((JSON.parse((await jobs('get', jobId)).stdout) as JobResponse).payload).toEqual({ text: 'x' });
    const listed = (await jobs('list', '--status', 'PENDING', '--all')).stdout.trim().split('\n').map((line) => JSON.parse(line) as JobSummary);
    expect(listed.map((job) => job.id)).toContain(jobId);
    expect((JSON.parse((await jobs('cancel', jobId)).stdout) as JobSummary).status).toBe('CANCELLED');
    const stats = JSON.parse((await jobs('stats')).stdout) as JobStatsResponse;
    expect(stats.byStatus.CANCELLED).toBeGreaterThanOrEqual(1);
  });

  it('exits 3 when the job fails, 1 with the problem when the API refuses, 2 on bad usage', async () => {
    const failing = await jobs('submit', 'diagnostics.sleep', '--payload', '{"durationMs":0,"failAttempts":1}', '--max-attempts', '1', '--wait');
    expect(failing.code).toBe(3);
    expect((JSON.parse(failing.stdout) as JobSummary).error?.code).toBe('DiagnosticFailure');

    const refused = await jobs('submit', 'text.indicators', '--payload', '{}');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('400 VALIDATION_FAILED');
    expect(refused.stderr).toContain('payload.text');

    const usage = await jobs('submit', 'text.indicators');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give --payload JSON or --payload-file FILE');
  });
});

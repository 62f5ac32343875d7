import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobAttemptListResponse, JobResponse, JobStatsResponse, JobSummary, ScheduleDetailResponse, ScheduleResponse } from '@jobs/contracts';
import { freePort } from '@jobs/dev-postgres';
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

  function jobs(...args: string[]): Promise<CliRun> {
    return jobsWith({}, ...args);
  }

  async function jobsWith(variables: Record<string, string>, ...args: string[]): Promise<CliRun> {
    try {
      const { stdout, stderr } = await execute(process.execPath, [CLI, ...args], { env: { ...env, ...variables } });
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

  it('retries and cancels every job matching filters, counting first with --dry-run; and single jobs by id', async () => {
    const since = new Date().toISOString();
    for (let index = 0; index < 2; index += 1) {
      expect((await jobs('submit', 'diagnostics.sleep', '--payload', '{"durationMs":0,"failAttempts":1}', '--max-attempts', '1', '--wait')).code).toBe(3);
    }
    const filters = ['--status', 'FAILED', '--type', 'diagnostics.sleep', '--error-code', 'DiagnosticFailure', '--since', since];
    const counted = await jobs('retry', ...filters, '--dry-run');
    expect(JSON.parse(counted.stdout)).toEqual({ dryRun: true, matched: 2, changed: 2, skipped: { notOwner: 0, status: 0, unregisteredType: 0 } });
    expect(JSON.parse((await jobs('retry', ...filters)).stdout)).toMatchObject({ dryRun: false, matched: 2, changed: 2 });

    const delayed = await Promise.all([0, 1].map(async () => (JSON.parse((await jobs('submit', 'text.indicators', '--payload', '{"text":"x"}', '--delay', '3600')).stdout) as JobAcceptedResponse).jobId));
    expect(JSON.parse((await jobs('cancel', '--type', 'text.indicators', '--status', 'PENDING', '--since', since)).stdout)).toMatchObject({ matched: 2, changed: 2 });
    const [first] = delayed;
    expect((JSON.parse((await jobs('retry', first ?? '')).stdout) as JobAcceptedResponse).jobId).toBe(first);

    const unfiltered = await jobs('cancel');
    expect(unfiltered.code).toBe(1);
    expect(unfiltered.stderr).toContain('400 VALIDATION_FAILED');
    expect(unfiltered.stderr).toContain('all: give at least one filter');
    const both = await jobs('cancel', '--all-owners', '--owner', 'someone', '--all');
    expect(both).toMatchObject({ code: 2, stderr: 'jobs: give --all-owners or --owner, not both (jobs --help for usage)\n' });
  });

  it('creates, lists, gets, updates, pauses, resumes and deletes schedules', async () => {
    const created = await jobs('schedules', 'create', 'text.indicators', '--name', 'nightly', '--cron', '30 2 * * *', '--timezone', 'Europe/Berlin', '--payload', '{"text":"10.0.0.1"}');
    expect(created.code).toBe(0);
    const schedule = JSON.parse(created.stdout) as ScheduleResponse;
    expect(schedule).toMatchObject({ name: 'nightly', cron: '30 2 * * *', timezone: 'Europe/Berlin', enabled: true });

    const listed = await jobs('schedules', 'list', '--all');
    expect(listed.stdout.trim().split('\n').map((line) => (JSON.parse(line) as ScheduleResponse).id)).toContain(schedule.id);
    const got = JSON.parse((await jobs('schedules', 'get', schedule.id)).stdout) as ScheduleDetailResponse;
    expect(got.nextFireTimes).toHaveLength(5);

    const updated = JSON.parse((await jobs('schedules', 'update', schedule.id, '--cron', '0 9 * * 1', '--name', 'mondays')).stdout) as ScheduleResponse;
    expect(updated).toMatchObject({ name: 'mondays', cron: '0 9 * * 1' });
    expect(JSON.parse((await jobs('schedules', 'pause', schedule.id)).stdout)).toMatchObject({ enabled: false, nextFireAt: null });
    expect(JSON.parse((await jobs('schedules', 'resume', schedule.id)).stdout)).toMatchObject({ enabled: true });

    const refused = await jobs('schedules', 'create', 'text.indicators', '--name', 'bad', '--cron', '61 * * * *', '--payload', '{"text":"x"}');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cron: cron is not a valid cron expression/);
    expect((await jobs('schedules', 'update', schedule.id)).code).toBe(2);
    expect((await jobs('schedules', 'rename', schedule.id)).code).toBe(2);

    expect(JSON.parse((await jobs('schedules', 'delete', schedule.id)).stdout)).toEqual({ deleted: 1 });
    const gone = await jobs('schedules', 'get', schedule.id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/No schedule with id/);
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
    expect(usage.stderr).toBe('jobs: give --payload JSON or --payload-file FILE (jobs --help for usage)\n');
  });

  it('prints the attempts of a job', async () => {
    const failed = JSON.parse((await jobs('submit', 'diagnostics.sleep', '--payload', '{"durationMs":0,"failAttempts":1}', '--max-attempts', '1', '--wait')).stdout) as JobSummary;
    const printed = await jobs('attempts', failed.id);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout) as JobAttemptListResponse).toEqual({
      jobId: failed.id,
      items: [expect.objectContaining({ number: 1, outcome: 'FAILED', error: expect.objectContaining({ code: 'DiagnosticFailure' }) })],
    });
  });

  it("prints the dashboard's sign-in link, the token in its fragment, without asking the API", async () => {
    expect(await jobs('dashboard')).toEqual({ code: 0, stdout: `${stack.api.url}/dashboard/#token=${env['JOBS_TOKEN']}\n`, stderr: '' });
    const elsewhere = await jobs('dashboard', '--url', 'https://jobs.example.test/api/', '--token', 'a.b.c');
    expect(elsewhere).toEqual({ code: 0, stdout: 'https://jobs.example.test/api/dashboard/#token=a.b.c\n', stderr: '' });
  });

  it('answers each usage mistake with one line on stderr and exit code 2', async () => {
    for (const [args, variables, message] of [
      [['list', '--bogus'], {}, "jobs: Unknown option '--bogus'. (jobs --help for usage)"],
      [[], {}, 'jobs: a command is required (jobs --help for usage)'],
      [['frobnicate'], {}, 'jobs: unknown command frobnicate (jobs --help for usage)'],
      [['list', '--limit', 'ten'], {}, 'jobs: --limit must be an integer (jobs --help for usage)'],
      [['submit', 'text.indicators', '--payload-file', '/nonexistent/payload.json'], {}, 'jobs: cannot read --payload-file /nonexistent/payload.json (ENOENT) (jobs --help for usage)'],
      [['list'], { JOBS_API_URL: 'localhost:3000' }, 'jobs: JOBS_API_URL is not an http(s) URL: "localhost:3000" (jobs --help for usage)'],
      [['list', '--url', ''], {}, 'jobs: --url is not an http(s) URL: "" (jobs --help for usage)'],
      [['dashboard', 'now'], {}, 'jobs: dashboard takes no argument (got now) (jobs --help for usage)'],
      [['dashboard'], { JOBS_TOKEN: '' }, 'jobs: --token (or JOBS_TOKEN) is required (jobs --help for usage)'],
      [['dashboard', '--url', 'ftp://jobs.example.test'], {}, 'jobs: --url is not an http(s) URL: "ftp://jobs.example.test" (jobs --help for usage)'],
    ] as const) {
      const run = await jobsWith(variables, ...args);
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    }
  });

  it('treats an empty JOBS_API_URL as unset', async () => {
    // The default address: whatever answers there on this machine (nothing, or another API), the
    // empty variable is no usage error and no URL parse failure.
    const run = await jobsWith({ JOBS_API_URL: '' }, 'list');
    expect(run.code).not.toBe(2);
    expect(run.stderr).not.toContain('Failed to parse URL');
    if (run.stderr.includes('cannot reach')) expect(run.stderr).toContain('at http://localhost:3000 ');
  });

  it('names the URL and JOBS_API_URL when nothing answers there, exiting non-zero', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    for (const args of [['list'], ['wait', '00000000-0000-4000-8000-000000000000', '--follow'], ['submit', 'text.indicators', '--payload', '{"text":"x"}', '--wait']]) {
      const run = await jobsWith({ JOBS_API_URL: url }, ...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `jobs: cannot reach the API at ${url} (ECONNREFUSED): is it running (pnpm start)? Set JOBS_API_URL (or --url) to where it listens\n`,
      );
    }
  });
});

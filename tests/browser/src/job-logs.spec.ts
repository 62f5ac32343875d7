import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateJobRequest, JobAcceptedResponse, JobResponse } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe("the job page's logs", () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  async function submit(token: string, job: CreateJobRequest): Promise<string> {
    const response = await stack.client.withToken(token).post<JobAcceptedResponse>('/v1/jobs', job);
    expect(response.status).toBe(202);
    return response.body.jobId;
  }

  it('shows the lines as the job logs them, live, each with its level and attempt, fields on demand', async () => {
    const token = mintToken({ sub: uniqueSubject('logs') });
    // Long enough for the page to open while the job runs; the lines come two per step.
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 8_000, steps: 8, logLines: 16 } });
    const { page } = await openSignedIn(browser, stack, token, { path: `jobs/${id}` });
    const lines = page.getByRole('list', { name: 'Log lines' }).locator('li');
    const logs = page.getByRole('region', { name: /^Logs/ });

    // Live: lines appear while the job is still running, before the last one is logged.
    await eventually(async () => expect(await lines.count()).toBeGreaterThan(0));
    await eventually(async () => expect(await logs.getByRole('status').innerText()).toContain('live'));
    await eventually(async () => expect(await lines.count()).toBe(16), 60_000);
    await eventually(async () => expect(await page.locator('.job-header .status').innerText()).toBe('COMPLETED'), 60_000);

    await expect(lines.first().innerText()).resolves.toMatch(/\d\d:\d\d:\d\d\.\d{3} INFO #1 line 1 of 16/);
    await expect(lines.nth(9).locator('.log-level').innerText()).resolves.toBe('WARN');
    // In order, each once.
    const seqs = await lines.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
    expect(seqs).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));

    const fields = lines.first().locator('details.log-fields');
    await expect(fields.locator('pre').isVisible()).resolves.toBe(false);
    await fields.locator('summary').click();
    await eventually(async () => expect(JSON.parse(await fields.locator('pre').innerText())).toEqual({ line: 1, step: 1 }));
  });

  it("shows a finished job's log at once, and says when a job logged nothing", async () => {
    const token = mintToken({ sub: uniqueSubject('logs') });
    const quiet = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 0, steps: 1 } });
    const chatty = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 0, steps: 1, logLines: 3 } });
    for (const id of [quiet, chatty]) {
      await waitUntil(async () => (await stack.client.withToken(token).get<JobResponse>(`/v1/jobs/${id}`)).body, (job) => job.status === 'COMPLETED', { timeoutMs: 60_000 });
    }
    const { page } = await openSignedIn(browser, stack, token, { path: `jobs/${quiet}` });
    await eventually(async () => expect(await page.getByText('The job logged nothing.').isVisible()).toBe(true));

    await page.goto(`/dashboard/jobs/${chatty}`);
    const lines = page.getByRole('list', { name: 'Log lines' }).locator('li');
    await eventually(async () => expect(await lines.count()).toBe(3));
    await expect(page.getByRole('region', { name: /^Logs/ }).getByRole('status').innerText()).resolves.toBe('3 lines');
  });
});

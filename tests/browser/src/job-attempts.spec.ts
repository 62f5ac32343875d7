import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateJobRequest, JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { type DashboardPage, openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe("the job page's attempts", () => {
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

  const status = async (token: string, id: string) => (await stack.client.withToken(token).get<JobSummary>(`/v1/jobs/${id}/status`)).body;

  async function openJob(token: string, id: string): Promise<DashboardPage> {
    const dashboard = await openSignedIn(browser, stack, token, { path: `jobs/${id}` });
    await dashboard.page.locator('.job-header-id', { hasText: id }).waitFor();
    return dashboard;
  }

  it('lists each attempt with its worker, outcome and error', async () => {
    const token = mintToken({ sub: uniqueSubject('attempts') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 50, steps: 1, failAttempts: 1 }, maxAttempts: 2 });
    await waitUntil(() => status(token, id), (job) => job.status === 'COMPLETED', { timeoutMs: 60_000 });

    const dashboard = await openJob(token, id);
    const rows = dashboard.page.locator('table.attempts-table tbody tr');
    await eventually(async () => expect(await rows.count()).toBe(2));
    const first = await rows.nth(0).innerText();
    expect(first).toMatch(/^1\s/);
    expect(first).toContain('Failed, retried');
    expect(first).toContain('DiagnosticFailure');
    expect(first).toContain(`pid ${stack.workers[0]?.pid}`);
    expect(await rows.nth(1).innerText()).toContain('Completed');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('shows the running attempt, and its end once the job moves on', async () => {
    const token = mintToken({ sub: uniqueSubject('running') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 60_000, steps: 60 } });
    await waitUntil(() => status(token, id), (job) => job.status === 'PROCESSING', { timeoutMs: 30_000 });

    const dashboard = await openJob(token, id);
    const rows = dashboard.page.locator('table.attempts-table tbody tr');
    await eventually(async () => expect(await rows.first().innerText()).toContain('Running'));
    expect((await stack.client.withToken(token).post(`/v1/jobs/${id}/cancel`)).status).toBe(200);
    await eventually(async () => expect(await rows.first().innerText()).toContain('Cancelled'));
    await expect(rows.count()).resolves.toBe(1);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('says so when the job has not started', async () => {
    const token = mintToken({ sub: uniqueSubject('pending') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 0 }, delaySeconds: 3600 });
    const dashboard = await openJob(token, id);
    await eventually(async () => expect(await dashboard.page.locator('.job-attempts').innerText()).toContain('No attempt yet'));
    await dashboard.close();
  });
});

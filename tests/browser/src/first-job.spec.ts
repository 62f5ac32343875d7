import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobSummary } from '@jobs/contracts';
import { ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

/** Every status the job page's header showed, in order, recorded in the page as the DOM changes. */
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    const note = () => {
      const text = document.querySelector('.job-header .status')?.textContent ?? '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
}

/** The quick start's promise: sign in with a link, submit a job through the form, watch it finish live. */
describe('a first job in the dashboard', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    const switches = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
    [stack, browser] = await Promise.all([startStack({ apiEnv: switches, workerEnv: switches }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  it('goes PENDING → PROCESSING → COMPLETED on screen without a reload, and its result renders', async () => {
    const token = mintToken({ sub: uniqueSubject('newcomer') });
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=diagnostics.sleep' });
    const { page } = dashboard;
    // No worker yet, so the job is seen waiting before it runs.
    await Promise.all(stack.workers.splice(0).map((worker) => worker.stop()));
    await page.getByRole('textbox', { name: 'durationMs', exact: true }).fill('3000');
    await page.getByRole('textbox', { name: 'steps', exact: true }).fill('3');
    await page.getByRole('button', { name: 'Submit job' }).click();
    await page.waitForURL(/\/dashboard\/jobs\/[0-9a-f-]{36}$/);
    const jobId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.locator('.job-header .status', { hasText: 'PENDING' }).waitFor();
    const statuses = await recordStatuses(page);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));

    await stack.startWorker();
    await page.locator('.job-header .status', { hasText: 'COMPLETED' }).waitFor({ timeout: 60_000 });
    expect(await statuses()).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    expect(navigations).toEqual([]);
    await page.locator('.key-values', { hasText: 'sleptMs' }).waitFor();
    const job = (await new ApiClient(stack.api.url, token).get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;
    expect(job.status).toBe('COMPLETED');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('renders a text.indicators result by kind once the job submitted through the form completes', async () => {
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub: uniqueSubject('analyst') }), { path: 'submit?type=text.indicators' });
    const { page } = dashboard;
    await page.getByRole('textbox', { name: 'text', exact: true }).fill('C2 at hxxps://evil[.]example/gate from 203.0.113.7, see CVE-2024-3094');
    await page.getByRole('button', { name: 'Submit job' }).click();
    await page.locator('.job-header .status', { hasText: 'COMPLETED' }).waitFor({ timeout: 60_000 });
    const table = page.locator('table.indicators-table');
    await eventually(async () => expect(await table.innerText()).toMatch(/203\.0\.113\.7[\s\S]*CVE-2024-3094|CVE-2024-3094[\s\S]*203\.0\.113\.7/));
    expect(await table.innerText()).toContain('evil.example');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

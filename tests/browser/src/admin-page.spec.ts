import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobSummary } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';
import { saveScreenshot } from './support/screenshots.js';
import { DIAGNOSTICS_ENV, QUICK_JOB, seedFinishedJobs, submitJob, waitForStatus } from './support/seeded-jobs.js';
import { tableRows } from './support/table-rows.js';

/** An instant as `<input type="datetime-local" step="1">` takes it, in the browser's own time zone. */
function localDateTime(page: Page, instant: number): Promise<string> {
  return page.evaluate((ms) => {
    const date = new Date(ms);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }, instant);
}

describe('the admin page', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ apiEnv: DIAGNOSTICS_ENV, workerEnv: DIAGNOSTICS_ENV }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  const as = (sub: string): ApiClient => stack.client.withToken(mintToken({ sub }));
  const adminToken = () => mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }, { expiresIn: '1h' });
  const statusOf = async (api: ApiClient, job: JobSummary) => (await api.get(`/v1/jobs/${job.id}/status`)).status;

  it('tells a signed-in non-admin that the page needs the admin role, and the navigation has no link to it', async () => {
    const sub = uniqueSubject('member');
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub, org: 'acme', roles: ['auditor'] }), { path: 'admin' });
    const { page } = dashboard;
    const message = page.getByRole('alert').filter({ hasText: 'This page needs the admin role' });
    await message.waitFor();
    expect(await message.innerText()).toContain(`signed in as ${sub} with the roles auditor`);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Queue depth' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /dry run/ }).count()).toBe(0);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('shows the jobs waiting and running per type across owners', async () => {
    const api = as(uniqueSubject('queued'));
    const waiting = await submitJob(api, { ...QUICK_JOB, delaySeconds: 3600 });
    const running = await submitJob(api, { type: 'diagnostics.sleep', payload: { durationMs: 600_000, steps: 600 } });
    await waitForStatus(api, running, ['PROCESSING']);

    const dashboard = await openSignedIn(browser, stack, adminToken(), { path: 'admin' });
    const { page } = dashboard;
    await expect(page.getByRole('link', { name: 'Admin' }).getAttribute('aria-current')).resolves.toBe('page');
    const table = page.getByRole('table', { name: 'Pending and processing jobs per type' });
    // The figures are cached for a few seconds and the page refreshes them itself.
    await eventually(async () =>
      expect(await tableRows(table)).toEqual([
        ['Type', 'Pending', 'Processing'],
        ['text.indicators', '1', '0'],
        ['diagnostics.sleep', '0', '1'],
        ['All types', '1', '1'],
      ]),
    );
    // The delayed job is not runnable yet, so nothing has been waiting to run.
    expect(await page.locator('.oldest-pending').innerText()).toBe('none waiting');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
    await Promise.all([waiting, running].map((id) => api.post(`/v1/jobs/${id}/cancel`)));
  });

  it('counts with a dry run that deletes nothing, then deletes exactly the counted jobs once the count is typed', async () => {
    const owner = uniqueSubject('purged');
    const other = uniqueSubject('kept');
    const ownerApi = as(owner);
    const otherApi = as(other);
    const old = await seedFinishedJobs(ownerApi, { completed: 2, failed: 1 });
    const othersOld = await seedFinishedJobs(otherApi, { completed: 1, failed: 0 });
    // The form takes whole seconds: cut at the first one after the old jobs, and create the newer ones after it.
    const cut = Math.ceil((Math.max(...old.map((job) => Date.parse(job.createdAt))) + 1) / 1000) * 1000;
    while (Date.now() <= cut) await new Promise((resolve) => setTimeout(resolve, 50));
    const [ownersNew, othersNew] = await Promise.all([
      seedFinishedJobs(ownerApi, { completed: 1, failed: 0 }),
      seedFinishedJobs(otherApi, { completed: 0, failed: 1 }),
    ]);

    const dashboard = await openSignedIn(browser, stack, adminToken(), { path: 'admin' });
    const { page } = dashboard;
    await page.getByLabel('Created before (local time)').fill(await localDateTime(page, cut));
    await page.getByLabel('Owner (sub; empty for every owner)').fill(owner);
    await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
    await page.getByRole('status').getByText('3 jobs would be deleted.').waitFor();
    await saveScreenshot(page, 'admin-dry-run');
    const adminApi = stack.client.withToken(adminToken());
    for (const job of [...old, ...othersOld, ...ownersNew, ...othersNew]) expect(await statusOf(adminApi, job)).toBe(200);

    // The count moves the focus to the confirmation field, so a keyboard user types straight on.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe('numeric'));
    await page.keyboard.type('3');
    await page.getByRole('button', { name: 'Delete 3 jobs' }).click();
    await page.getByRole('status').getByText('Deleted 3 jobs.').waitFor();

    for (const job of old) expect(await statusOf(adminApi, job)).toBe(404);
    for (const job of [...othersOld, ...ownersNew, ...othersNew]) expect(await statusOf(adminApi, job)).toBe(200);
    expect(await page.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('keeps the delete button disabled until the count is typed exactly, and drops the count when the form changes', async () => {
    const owner = uniqueSubject('gated');
    const api = as(owner);
    const jobs = await seedFinishedJobs(api, { completed: 1, failed: 1 });

    const dashboard = await openSignedIn(browser, stack, adminToken(), { path: 'admin' });
    const { page } = dashboard;
    await page.getByLabel('Created before (local time)').fill(await localDateTime(page, Date.now() + 86_400_000));
    await page.getByLabel('Owner (sub; empty for every owner)').fill(owner);
    await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
    await page.getByText('2 jobs would be deleted.').waitFor();

    const confirmation = page.getByLabel(/Type 2 to confirm deleting 2 jobs/);
    const deleteButton = page.getByRole('button', { name: 'Delete 2 jobs' });
    expect(await deleteButton.isDisabled()).toBe(true);
    for (const typed of ['1', '3', '22', '2 jobs', 'DELETE']) {
      await confirmation.fill(typed);
      expect(await deleteButton.isDisabled()).toBe(true);
    }
    await confirmation.fill('2');
    expect(await deleteButton.isEnabled()).toBe(true);

    // Any change to the filters needs a new dry run.
    await page.getByLabel('FAILED').uncheck();
    expect(await page.getByText('2 jobs would be deleted.').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
    await page.getByText('1 job would be deleted.').waitFor();
    expect(await page.getByLabel(/Type 1 to confirm/).inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Delete 1 job' }).isDisabled()).toBe(true);

    for (const job of jobs) expect(await statusOf(api, job)).toBe(200);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('says what to fix before asking the API, and shows the API’s problem with its code', async () => {
    const dashboard = await openSignedIn(browser, stack, adminToken(), { path: 'admin' });
    const { page } = dashboard;
    await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
    await page.getByRole('alert').getByText('Give “created before”, “finished before” or both.').waitFor();

    await page.getByLabel('Finished before (local time)').fill(await localDateTime(page, Date.now()));
    await page.getByLabel('Job types (comma-separated; empty for all)').fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'The dry run failed:' });
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/VALIDATION_FAILED[\s\S]*\(400\)[\s\S]*type/);
    expect(await page.getByRole('status').innerText()).toBe('');
    // The refused request is the only failed one.
    expect(dashboard.problems.filter((entry) => !entry.includes('400'))).toEqual([]);
    await dashboard.close();
  });

  it('fits a phone-width screen in the dark scheme', async () => {
    const owner = uniqueSubject('phone');
    await seedFinishedJobs(as(owner), { completed: 1, failed: 0 });
    const dashboard = await openSignedIn(browser, stack, adminToken(), { path: 'admin', viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const { page } = dashboard;
    await page.getByLabel('Created before (local time)').fill(await localDateTime(page, Date.now() + 60_000));
    await page.getByLabel('Owner (sub; empty for every owner)').fill(owner);
    await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
    await page.getByText('1 job would be deleted.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Dark text on a dark page would be unreadable: the page's colours are the dark scheme's.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await saveScreenshot(page, 'admin-phone-dark');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

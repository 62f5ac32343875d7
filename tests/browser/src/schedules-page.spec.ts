import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ScheduleDetailResponse, ScheduleListResponse, ScheduleResponse } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';
import { tableRows } from './support/table-rows.js';

// Two seconds between firings at the least, so the page shows jobs of a schedule within seconds.
const SCHEDULES = { SCHEDULE_MIN_INTERVAL_SECONDS: '2' };

describe('the schedules pages', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ apiEnv: SCHEDULES, workerEnv: SCHEDULES }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  const as = (sub: string): ApiClient => stack.client.withToken(mintToken({ sub }));

  it('creates a schedule from the type’s form, placing the API’s field errors, and lists it', async () => {
    const sub = uniqueSubject('scheduler');
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub }, { expiresIn: '1h' }), { path: 'schedules' });
    const { page } = dashboard;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).waitFor();
    await page.getByText('No schedules yet.').waitFor();

    await page.getByLabel('Name').fill('nightly scan');
    await page.getByLabel('Cron expression').fill('61 * * * *');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByLabel('Job type').selectOption('text.indicators');
    await page.getByRole('textbox', { name: 'text', exact: true }).fill('see 203.0.113.7');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.locator('.field-invalid').filter({ hasText: 'cron is not a valid cron expression' }).waitFor();

    await page.getByLabel('Cron expression').fill('30 2 * * *');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule “nightly scan” created.' }).waitFor();
    const table = page.getByRole('table', { name: 'Schedules' });
    await eventually(async () => expect((await tableRows(table)).slice(1).map((row) => row.slice(0, 4))).toEqual([['nightly scan', 'text.indicators', '30 2 * * * Europe/Berlin', 'Active']]));

    const stored = (await as(sub).get<ScheduleListResponse>('/v1/schedules')).body.data;
    expect(stored).toEqual([expect.objectContaining({ name: 'nightly scan', cron: '30 2 * * *', timezone: 'Europe/Berlin', payload: { text: 'see 203.0.113.7' } })]);
    // The refused expression's 400 is the browser's console line; nothing else went wrong.
    expect(dashboard.problems.filter((problem) => !problem.includes('the server responded with a status of 400'))).toEqual([]);
    await dashboard.close();
  });

  it('shows a schedule’s next fire times and latest jobs, pauses, resumes and deletes it', async () => {
    const sub = uniqueSubject('owner');
    const api = as(sub);
    const schedule = (await api.post<ScheduleResponse>('/v1/schedules', { name: 'often', cron: '*/2 * * * * *', type: 'text.indicators', payload: { text: 'x' } })).body;
    await eventually(async () => expect((await api.get<ScheduleDetailResponse>(`/v1/schedules/${schedule.id}`)).body.lastJobs.length).toBeGreaterThan(0));

    const dashboard = await openSignedIn(browser, stack, mintToken({ sub }, { expiresIn: '1h' }), { path: `schedules/${schedule.id}` });
    const { page } = dashboard;
    await page.getByRole('heading', { name: 'often' }).waitFor();
    expect(await page.getByRole('list', { name: 'Next fire times' }).getByRole('listitem').count()).toBe(5);
    const firstJob = page.getByRole('table', { name: 'Latest jobs' }).getByRole('link').first();
    const jobId = await firstJob.innerText();
    expect(await firstJob.getAttribute('href')).toBe(`/dashboard/jobs/${jobId}`);
    // The job's page links back to the schedule that made it.
    await firstJob.click();
    await page.getByRole('link', { name: schedule.id }).click();
    await page.getByRole('heading', { name: 'often' }).waitFor();

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    await page.getByText('None while paused.').waitFor();
    expect((await api.get<ScheduleResponse>(`/v1/schedules/${schedule.id}`)).body.enabled).toBe(false);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this schedule?' });
    await eventually(async () => expect(await dialog.getByRole('button', { name: 'Keep it' }).evaluate((button) => button === document.activeElement)).toBe(true));
    await dialog.getByRole('button', { name: 'Delete the schedule' }).click();
    await page.getByRole('heading', { name: 'Schedules', exact: true }).waitFor();
    expect((await api.get(`/v1/schedules/${schedule.id}`)).status).toBe(404);
    expect((await api.get(`/v1/jobs/${jobId}`)).status).toBe(200);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

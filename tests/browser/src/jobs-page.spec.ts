import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatchAcceptedResponse, CreateJobRequest, JobListResponse, JobSummary } from '@jobs/contracts';
import { ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { type DashboardPage, newDashboardPage, type OpenOptions, openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

function indicatorsJob(metadata: Record<string, string | number | boolean> = {}, priority = 0): CreateJobRequest {
  return { type: 'text.indicators', payload: { text: 'see hxxp://evil[.]example.com and 10.0.0.1' }, metadata, priority };
}

/** Fails at once, for good (one attempt). */
function failingJob(metadata: Record<string, string | number | boolean> = {}): CreateJobRequest {
  return { type: 'diagnostics.sleep', payload: { durationMs: 10, failAttempts: 1 }, maxAttempts: 1, metadata };
}

/** Runs for a minute unless cancelled. */
function sleepingJob(metadata: Record<string, string | number | boolean> = {}): CreateJobRequest {
  return { type: 'diagnostics.sleep', payload: { durationMs: 60_000, steps: 60 }, metadata };
}

async function submit(api: ApiClient, jobs: CreateJobRequest[]): Promise<string[]> {
  const response = await api.post<BatchAcceptedResponse>('/v1/jobs/batch', { jobs });
  expect(response.status).toBe(202);
  return response.body.jobs.map((job) => job.jobId);
}

async function list(api: ApiClient, query: string): Promise<JobListResponse> {
  const response = await api.get<JobListResponse>(`/v1/jobs${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** Until none of the caller's jobs is pending or running. */
async function allFinished(api: ApiClient): Promise<void> {
  await waitUntil(() => list(api, '?status=PENDING,PROCESSING&limit=1'), (page) => page.data.length === 0, { timeoutMs: 60_000, intervalMs: 250 });
}

async function shownIds(page: Page): Promise<string[]> {
  return page.locator('tbody tr[data-job-id]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['jobId'] ?? ''));
}

/** Until the table shows exactly these jobs, in this order (it may show a previous page while the next loads). */
async function expectRows(page: Page, expected: JobSummary[] | string[]): Promise<void> {
  const ids = expected.map((job) => (typeof job === 'string' ? job : job.id));
  await eventually(async () => expect(await shownIds(page)).toEqual(ids));
}

/** The dashboard's query string as the API reads it (minus the cursor, which is the dashboard's own). */
function searchOf(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/** Signed in on the jobs page, once its live feed is open: what happens from then on shows up. */
async function openLive(browser: Browser, stack: TestStack, token: string, options: OpenOptions = {}): Promise<DashboardPage> {
  const dashboard = await newDashboardPage(browser, stack, options);
  const feedOpen = dashboard.page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/jobs/events' && response.status() === 200);
  await dashboard.page.goto(`/dashboard/${options.path ?? ''}#token=${token}`);
  await feedOpen;
  return dashboard;
}

/** Opens one of the multi-value filters (a disclosure). */
async function openFilter(page: Page, name: string): Promise<void> {
  await page.locator('.multi-select summary').filter({ hasText: new RegExp(`^${name}:`) }).click();
}

/** Console errors other than the browser's note of a refused request the test provoked. */
function unexpectedProblems(dashboard: DashboardPage, ...statuses: number[]): string[] {
  return dashboard.problems.filter((problem) => !statuses.some((status) => problem.includes(`status of ${status}`)));
}

interface RecordedStatuses {
  /** Each job's statuses as drawn, in order, without repeats. */
  __statuses: Record<string, string[]>;
  /** How many different progress texts each job's row has shown. */
  __progress: Record<string, number>;
  __rowUpdates: number;
}

/** Runs in the page: records every status and progress each row shows, as it is drawn. */
function recordStatuses(): void {
  const recorded = window as unknown as RecordedStatuses;
  recorded.__statuses = {};
  recorded.__progress = {};
  recorded.__rowUpdates = 0;
  const lastProgress: Record<string, string> = {};
  const note = () => {
    for (const row of document.querySelectorAll<HTMLElement>('tbody tr[data-job-id]')) {
      const id = row.dataset['jobId'] ?? '';
      const statuses = (recorded.__statuses[id] ??= []);
      const status = row.dataset['status'] ?? '';
      if (statuses[statuses.length - 1] !== status) statuses.push(status);
      const progress = row.querySelector('.progress-text')?.textContent ?? '';
      if (progress && lastProgress[id] !== progress) {
        lastProgress[id] = progress;
        recorded.__progress[id] = (recorded.__progress[id] ?? 0) + 1;
      }
    }
  };
  note();
  new MutationObserver((mutations) => {
    recorded.__rowUpdates += new Set(mutations.map((mutation) => (mutation.target instanceof Element ? mutation.target : mutation.target.parentElement)?.closest('tr'))).size;
    note();
  }).observe(document.querySelector('tbody') ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Runs in the page: frames drawn and long tasks during `durationMs`. */
async function measureFrames(durationMs: number) {
  const recorded = window as unknown as RecordedStatuses;
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((entries) => longTasks.push(...entries.getEntries().map((entry) => entry.duration)));
  observer.observe({ type: 'longtask' });
  const updatesBefore = recorded.__rowUpdates;
  const intervals: number[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let previous = start;
    const frame = (now: number) => {
      intervals.push(now - previous);
      previous = now;
      if (now - start < durationMs) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  observer.disconnect();
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (share: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0);
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds: Math.round(seconds),
    frames: intervals.length,
    fps: Math.round(intervals.length / seconds),
    p50: at(0.5),
    p95: at(0.95),
    max: Math.round(sorted[sorted.length - 1] ?? 0),
    longTasks: longTasks.length,
    longTaskMs: Math.round(longTasks.reduce((sum, duration) => sum + duration, 0)),
    longestTask: Math.round(Math.max(0, ...longTasks)),
    rowUpdates: recorded.__rowUpdates - updatesBefore,
  };
}

interface MainThreadBusy {
  task: number;
  script: number;
  style: number;
  layout: number;
}

/** Chromium's own account of the time its renderer's main thread spent working, in ms. */
async function mainThreadBusy(cdp: CDPSession): Promise<MainThreadBusy> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { task: seconds('TaskDuration') * 1000, script: seconds('ScriptDuration') * 1000, style: seconds('RecalcStyleDuration') * 1000, layout: seconds('LayoutDuration') * 1000 };
}

function subtractBusy(after: MainThreadBusy, before: MainThreadBusy): MainThreadBusy {
  return {
    task: Math.round(after.task - before.task),
    script: Math.round(after.script - before.script),
    style: Math.round(after.style - before.style),
    layout: Math.round(after.layout - before.layout),
  };
}

describe('the jobs page', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  it('filters and pages exactly as the API lists, with the whole view in a URL that reproduces it', async () => {
    const token = mintToken({ sub: uniqueSubject('filters') }, { expiresIn: '1h' });
    const api = stack.client.withToken(token);
    await submit(api, [
      ...Array.from({ length: 40 }, (_, index) => indicatorsJob({ tenant: index % 2 === 0 ? 'acme' : 'globex', n: index })),
      ...Array.from({ length: 25 }, (_, index) => failingJob({ tenant: index % 2 === 0 ? 'acme' : 'initech', n: index })),
    ]);
    await allFinished(api);

    const dashboard = await openSignedIn(browser, stack, token);
    const { page } = dashboard;
    // Everything, newest first, 50 to a page, with the total.
    await expectRows(page, (await list(api, '?limit=50')).data);
    await page.getByText('65 jobs match').waitFor();

    await page.getByLabel('Per page').selectOption('25');
    await expectRows(page, (await list(api, '?limit=25')).data);
    expect(searchOf(page).get('limit')).toBe('25');

    // Status: FAILED.
    await openFilter(page, 'Status');
    await page.getByRole('group', { name: 'Status' }).getByLabel('FAILED').check();
    await page.keyboard.press('Escape');
    const failed = await list(api, '?limit=25&status=FAILED');
    expect(failed.data).toHaveLength(25);
    await expectRows(page, failed.data);
    expect(await page.locator('tbody tr[data-job-id] .status').allInnerTexts()).toEqual(Array(25).fill('FAILED'));
    expect(searchOf(page).get('status')).toBe('FAILED');

    // Type and a text search (typed, then sent when typing pauses).
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await openFilter(page, 'Type');
    await page.getByRole('group', { name: 'Type' }).getByLabel('text.indicators').check();
    await page.keyboard.press('Escape');
    await page.getByLabel('Search').fill('acme');
    const acmeIndicators = await list(api, '?limit=25&type=text.indicators&q=acme');
    expect(acmeIndicators.data).toHaveLength(20);
    await expectRows(page, acmeIndicators.data);
    await page.getByText('20 jobs match').waitFor();

    // Result type, and creation and finish ranges that exclude everything or nothing.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await openFilter(page, 'Result type');
    await page.getByRole('group', { name: 'Result type' }).getByLabel('indicators').check();
    await page.keyboard.press('Escape');
    await expectRows(page, (await list(api, '?limit=25&resultType=indicators')).data);
    await page.getByLabel('Finished before').fill('2000-01-01T00:00');
    await page.getByText('No jobs match these filters.').waitFor();
    expect(await shownIds(page)).toEqual([]);
    expect(searchOf(page).get('finishedTo')).toMatch(/^(1999-12-3|2000-01-0)\d.*Z$/);
    await page.getByLabel('Finished before').fill('');
    await page.getByLabel('Created from').fill('2000-01-01T00:00');
    await expectRows(page, (await list(api, `?limit=25&resultType=indicators&createdFrom=${searchOf(page).get('createdFrom')}`)).data);

    // Paging through FAILED and text.indicators sorted oldest first: 65 jobs, 25 a page.
    await page.goto(`/dashboard/?limit=25&order=asc`);
    const first = await list(api, '?limit=25&order=asc');
    const second = await list(api, `?limit=25&order=asc&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    const third = await list(api, `?limit=25&order=asc&cursor=${encodeURIComponent(second.nextCursor ?? '')}`);
    expect(third.data).toHaveLength(15);
    expect(third.hasMore).toBe(false);
    await expectRows(page, first.data);
    await page.getByRole('link', { name: 'Next' }).click();
    await expectRows(page, second.data);
    await page.getByText('Page 2').waitFor();
    await page.getByRole('link', { name: 'Next' }).click();
    await expectRows(page, third.data);
    await page.getByText('Page 3').waitFor();
    expect(await page.getByRole('link', { name: 'Next' }).getAttribute('aria-disabled')).toBe('true');
    const thirdPageUrl = page.url();
    await page.getByRole('link', { name: 'Previous' }).click();
    await expectRows(page, second.data);
    // The browser's own back and forward walk the same URLs.
    await page.goBack();
    await expectRows(page, third.data);
    await page.goBack();
    await expectRows(page, second.data);
    await page.goForward();
    await expectRows(page, third.data);
    await page.getByRole('link', { name: 'First page' }).click();
    await expectRows(page, first.data);
    expect(dashboard.problems).toEqual([]);

    // The third page's URL shows the third page in a browser that has never seen the first two.
    const shared = await openSignedIn(browser, stack, token, { path: thirdPageUrl.slice(thirdPageUrl.indexOf('/dashboard/') + '/dashboard/'.length) });
    await expectRows(shared.page, third.data);
    await shared.page.getByText('A later page').waitFor();
    await shared.page.getByRole('link', { name: 'First page' }).click();
    await expectRows(shared.page, first.data);
    expect(shared.problems).toEqual([]);
    await Promise.all([shared.close(), dashboard.close()]);
  });

  it('sorts by the column headers, the API doing the sorting', async () => {
    const token = mintToken({ sub: uniqueSubject('sorting') });
    const api = stack.client.withToken(token);
    await submit(api, [5, -3, 40, 0, 12, -50, 7].map((priority) => indicatorsJob({ priority }, priority)));
    await allFinished(api);
    const dashboard = await openSignedIn(browser, stack, token);
    const { page } = dashboard;
    const priorityHeader = page.getByRole('columnheader', { name: 'Priority' });
    const createdHeader = page.getByRole('columnheader', { name: 'Created' });
    await expectRows(page, (await list(api, '')).data);
    expect(await createdHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await priorityHeader.getAttribute('aria-sort')).toBe('none');

    await priorityHeader.getByRole('button').click();
    const highestFirst = await list(api, '?sort=priority&order=desc');
    expect(highestFirst.data.map((job) => job.priority)).toEqual([40, 12, 7, 5, 0, -3, -50]);
    await expectRows(page, highestFirst.data);
    expect(await priorityHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await createdHeader.getAttribute('aria-sort')).toBe('none');
    expect(searchOf(page).get('sort')).toBe('priority');

    await priorityHeader.getByRole('button').click();
    await expectRows(page, (await list(api, '?sort=priority&order=asc')).data);
    expect(await priorityHeader.getAttribute('aria-sort')).toBe('ascending');

    await page.getByRole('columnheader', { name: 'Finished' }).getByRole('button').click();
    await expectRows(page, (await list(api, '?sort=finishedAt&order=desc')).data);
    await page.getByRole('columnheader', { name: 'Updated' }).getByRole('button').click();
    await expectRows(page, (await list(api, '?sort=updatedAt&order=desc')).data);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it("shows an organisation's jobs to its members, with their owners, and never another user's jobs", async () => {
    const org = uniqueSubject('org');
    const colleague = mintToken({ sub: uniqueSubject('colleague'), org });
    const member = mintToken({ sub: uniqueSubject('member'), org });
    const stranger = mintToken({ sub: uniqueSubject('stranger') });
    const colleagueJobs = await submit(stack.client.withToken(colleague), [indicatorsJob({ who: 'colleague' }), indicatorsJob({ who: 'colleague' })]);
    const memberJobs = await submit(stack.client.withToken(member), [indicatorsJob({ who: 'member' })]);
    const strangerJobs = await submit(stack.client.withToken(stranger), [indicatorsJob({ who: 'stranger' })]);

    const asMember = await openSignedIn(browser, stack, member);
    await expectRows(asMember.page, (await list(stack.client.withToken(member), '')).data);
    expect([...(await shownIds(asMember.page))].sort()).toEqual([...colleagueJobs, ...memberJobs].sort());
    const colleagueRow = asMember.page.locator(`tr[data-job-id="${colleagueJobs[0]}"]`);
    expect(await colleagueRow.locator('.owner').innerText()).toMatch(/^colleague-/);

    const asStranger = await openSignedIn(browser, stack, stranger);
    await expectRows(asStranger.page, strangerJobs);
    // A stranger's view of their own jobs names no owner: they are all theirs.
    expect(await asStranger.page.getByRole('columnheader', { name: 'Owner' }).count()).toBe(0);
    // Not even a search finds the organisation's jobs.
    await asStranger.page.getByLabel('Search').fill('colleague');
    await asStranger.page.getByText('No jobs match these filters.').waitFor();
    expect(asMember.problems).toEqual([]);
    expect(asStranger.problems).toEqual([]);
    await Promise.all([asMember.close(), asStranger.close()]);
  });

  it("switches an admin's view between their own jobs, their organisation's and every owner's", async () => {
    const org = uniqueSubject('admins');
    const adminSub = uniqueSubject('admin');
    const admin = mintToken({ sub: adminSub, org, roles: ['admin'] });
    const [own] = await submit(stack.client.withToken(admin), [indicatorsJob({ who: 'admin' })]);
    const [orgJob] = await submit(stack.client.withToken(mintToken({ sub: uniqueSubject('teammate'), org })), [indicatorsJob({ who: 'teammate' })]);
    const [foreign] = await submit(stack.client.withToken(mintToken({ sub: uniqueSubject('outsider') })), [indicatorsJob({ who: 'outsider' })]);
    const dashboard = await openSignedIn(browser, stack, admin);
    const { page } = dashboard;
    await expectRows(page, [orgJob ?? '', own ?? '']);

    await page.getByLabel('Showing').selectOption('mine');
    await expectRows(page, [own ?? '']);
    expect(searchOf(page).get('view')).toBe('mine');

    await page.getByLabel('Showing').selectOption('all');
    const everyone = await list(stack.client.withToken(admin), '?scope=all');
    expect(everyone.data[0]?.id).toBe(foreign);
    await expectRows(page, everyone.data);
    // Across every owner the total is counted on request only.
    await page.getByRole('button', { name: 'Count matching jobs' }).click();
    await page.getByText(/\d+ jobs match/).waitFor();

    // The view survives a filter change, and a filter survives a view change.
    await page.getByLabel('Search').fill('teammate');
    await expectRows(page, [orgJob ?? '']);
    expect(searchOf(page).get('view')).toBe('all');
    await page.getByLabel('Showing').selectOption('org');
    await expectRows(page, [orgJob ?? '']);
    expect(searchOf(page).get('q')).toBe('teammate');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('shows a job submitted through the API as it is created and goes PENDING → PROCESSING → COMPLETED, without a reload', async () => {
    const token = mintToken({ sub: uniqueSubject('live') });
    const api = stack.client.withToken(token);
    const [older] = await submit(api, [indicatorsJob({ older: true })]);
    await allFinished(api);
    const dashboard = await openLive(browser, stack, token);
    const { page } = dashboard;
    await expectRows(page, [older ?? '']);
    await page.evaluate(recordStatuses);

    // Delayed a few seconds, so that PENDING is on screen for a while whatever the machine's load.
    const [id] = await submit(api, [{ type: 'diagnostics.sleep', payload: { durationMs: 3000, steps: 3 }, delaySeconds: 4, metadata: { live: true } }]);
    await expectRows(page, [id ?? '', older ?? '']);
    const row = page.locator(`tr[data-job-id="${id}"]`);
    await eventually(async () => expect(await row.getAttribute('data-status')).toBe('COMPLETED'), 60_000);
    // The finished row was read again: its duration and finish time are shown, its progress complete.
    await eventually(async () => expect(await row.locator('.cell-durationMs').innerText()).toMatch(/\d+(\.\d+)? s$/));
    expect(await row.locator('.cell-finishedAt time').count()).toBe(1);
    expect(await row.locator('.progress-text').innerText()).toBe('100%');
    const seen = await page.evaluate((jobId) => (window as unknown as RecordedStatuses).__statuses[jobId] ?? [], id ?? '');
    expect(seen).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    // The same document all along.
    expect(await page.evaluate(() => (window as unknown as RecordedStatuses).__statuses !== undefined)).toBe(true);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('announces new jobs on a page where they would not show, and shows them on request', async () => {
    const token = mintToken({ sub: uniqueSubject('announce') });
    const api = stack.client.withToken(token);
    const existing = await submit(api, [indicatorsJob(), indicatorsJob()]);
    await allFinished(api);
    const dashboard = await openLive(browser, stack, token, { path: '?order=asc&type=text.indicators' });
    const { page } = dashboard;
    await expectRows(page, (await list(api, '?order=asc')).data);
    await submit(api, [{ type: 'diagnostics.sleep', payload: { durationMs: 10 } }]);
    const [fresh] = await submit(api, [indicatorsJob({ fresh: true })]);
    // The sleep job is of another type than the filter asks for: only the new text.indicators job counts.
    await page.getByText('1 new job —').waitFor();
    await page.getByRole('button', { name: 'show' }).click();
    await eventually(async () => expect((await shownIds(page))[0]).toBe(fresh));
    expect([...(await shownIds(page))].sort()).toEqual([...existing, fresh].sort());
    expect(searchOf(page).get('order')).toBeNull();
    expect(searchOf(page).get('type')).toBe('text.indicators');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('keeps 100 running jobs live in one table, then cancels them all at once (frames measured, not asserted)', async () => {
    const token = mintToken({ sub: uniqueSubject('hundred') });
    const api = stack.client.withToken(token);
    const worker = await stack.startWorker({ ...DIAGNOSTICS, WORKER_CONCURRENCY: '100' });
    try {
      const dashboard = await openLive(browser, stack, token, { path: '?limit=100' });
      const { page } = dashboard;
      await page.getByText('No jobs yet.').waitFor();
      await page.evaluate(recordStatuses);
      const ids = await submit(api, Array.from({ length: 100 }, (_, index) => ({ ...sleepingJob({ n: index }), payload: { durationMs: 120_000, steps: 240 } })));
      await waitUntil(() => list(api, '?status=PROCESSING&limit=100'), (running) => running.data.length === 100, { timeoutMs: 90_000, intervalMs: 500 });
      await eventually(async () => expect(await page.locator('tbody tr[data-status="PROCESSING"]').count()).toBe(100), 60_000);

      const cdp = await dashboard.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const busyBefore = await mainThreadBusy(cdp);
      const figures = await page.evaluate(measureFrames, 10_000);
      const busy = subtractBusy(await mainThreadBusy(cdp), busyBefore);
      const progressed = await page.evaluate((jobIds) => jobIds.filter((jobId) => ((window as unknown as RecordedStatuses).__progress[jobId] ?? 0) >= 2).length, ids);
      console.log(
        `100 running jobs reporting progress, over ${figures.seconds} s: ${figures.frames} frames (${figures.fps} per second), ` +
          `frame interval p50 ${figures.p50} ms, p95 ${figures.p95} ms, max ${figures.max} ms; ` +
          `${figures.longTasks} long tasks (${figures.longTaskMs} ms in all, longest ${figures.longestTask} ms); ` +
          `${figures.rowUpdates} row updates drawn; ${progressed} of 100 rows seen progressing; main thread busy ${busy.task} ms ` +
          `(script ${busy.script} ms, style ${busy.style} ms, layout ${busy.layout} ms)`,
      );
      expect(progressed).toBeGreaterThan(90);

      await page.getByLabel('Select all jobs on this page').check();
      await page.getByRole('button', { name: 'Cancel…' }).click();
      await page.getByRole('dialog', { name: 'Cancel 100 jobs?' }).getByRole('button', { name: 'Cancel 100 jobs' }).click();
      await page.locator('.bulk-summary').getByText('100 jobs cancelled.').waitFor({ timeout: 60_000 });
      await eventually(async () => expect(await page.locator('tbody tr[data-status="CANCELLED"]').count()).toBe(100), 60_000);
      expect(dashboard.problems).toEqual([]);
      await dashboard.close();
    } finally {
      await worker.stop();
    }
  }, 300_000);

  it('cancels running jobs in bulk after a confirmation stating the count, and says which could not be', async () => {
    const token = mintToken({ sub: uniqueSubject('bulk-cancel') });
    const api = stack.client.withToken(token);
    const [done] = await submit(api, [indicatorsJob()]);
    await allFinished(api);
    const running = await submit(api, [sleepingJob(), sleepingJob(), sleepingJob()]);
    await waitUntil(() => list(api, '?status=PROCESSING'), (page) => page.data.length === 3, { timeoutMs: 60_000, intervalMs: 250 });
    const dashboard = await openSignedIn(browser, stack, token);
    const { page } = dashboard;
    const shown = await list(api, '');
    expect(shown.data.map((job) => job.id).sort()).toEqual([...running, done].sort());
    await expectRows(page, shown.data);

    await page.getByLabel('Select all jobs on this page').check();
    await page.getByText('4 jobs selected').waitFor();
    await page.getByRole('button', { name: 'Cancel…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel 4 jobs?' });
    await dialog.waitFor();
    // The safe choice has the focus; going back changes nothing.
    await eventually(async () => expect(await dialog.evaluate((element) => element.contains(document.activeElement) && document.activeElement?.textContent)).toBe('Go back'));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await list(api, '?status=PROCESSING')).data).toHaveLength(3);

    await page.getByRole('button', { name: 'Cancel…' }).click();
    await dialog.getByRole('button', { name: 'Cancel 4 jobs' }).click();
    const summary = page.locator('.bulk-summary');
    await summary.getByText('3 jobs cancelled, 1 not.').waitFor();
    expect(await summary.innerText()).toContain('JOB_ALREADY_FINISHED (409)');
    expect(await summary.locator('a.job-id').getAttribute('href')).toBe(`/dashboard/jobs/${done}`);
    // The table shows what the API now says, and nothing stays selected.
    await eventually(async () => expect(await page.locator('tbody tr[data-job-id] .status').allInnerTexts()).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED', 'COMPLETED']));
    await page.getByText('No jobs selected').waitFor();
    expect((await list(api, '?status=CANCELLED')).data).toHaveLength(3);
    expect(unexpectedProblems(dashboard, 409)).toEqual([]);
    await dashboard.close();
  });

  it('retries failed jobs in bulk, leaving a completed one as it is', async () => {
    const token = mintToken({ sub: uniqueSubject('bulk-retry') });
    const api = stack.client.withToken(token);
    const failed = await submit(api, [failingJob({ retry: 'me' }), failingJob({ retry: 'me' })]);
    const [completed] = await submit(api, [indicatorsJob({ retry: 'me' })]);
    await allFinished(api);
    const before = await list(api, '');
    const dashboard = await openSignedIn(browser, stack, token, { path: '?status=FAILED' });
    const { page } = dashboard;
    await expectRows(page, (await list(api, '?status=FAILED')).data);
    await page.getByLabel(`Select job ${failed[0]}`).check();
    await page.getByLabel(`Select job ${failed[1]}`).check();
    await page.getByRole('button', { name: 'Retry…' }).click();
    await page.getByRole('dialog', { name: 'Retry 2 jobs?' }).getByRole('button', { name: 'Retry 2 jobs' }).click();
    await page.locator('.bulk-summary').getByText('2 jobs queued again.').waitFor();
    for (const id of failed) {
      const previous = before.data.find((job) => job.id === id);
      const now = (await api.get<JobSummary>(`/v1/jobs/${id}/status`)).body;
      expect(Date.parse(now.runAt)).toBeGreaterThan(Date.parse(previous?.runAt ?? ''));
    }

    // A completed job cannot be retried: the API's refusal is shown with its code.
    await page.goto('/dashboard/?status=COMPLETED');
    await expectRows(page, [completed ?? '']);
    await page.getByLabel(`Select job ${completed}`).check();
    await page.getByRole('button', { name: 'Retry…' }).click();
    await page.getByRole('dialog', { name: 'Retry 1 job?' }).getByRole('button', { name: 'Retry 1 job' }).click();
    const summary = page.locator('.bulk-summary');
    await summary.getByText('0 jobs queued again, 1 not.').waitFor();
    expect(await summary.innerText()).toContain('JOB_NOT_RETRYABLE (409)');
    expect(unexpectedProblems(dashboard, 409)).toEqual([]);
    await dashboard.close();
  });

  it('retries every job the filters match, on every page, after a dry run states the count; nothing changes until confirmed', async () => {
    const token = mintToken({ sub: uniqueSubject('retry-all') });
    const api = stack.client.withToken(token);
    const failed = await submit(api, Array.from({ length: 12 }, (_, index) => failingJob({ sweep: index })));
    const [completed] = await submit(api, [indicatorsJob({ sweep: 'done' })]);
    await allFinished(api);
    const before = new Map((await list(api, '?limit=100')).data.map((job) => [job.id, job.runAt]));
    const runAts = async () => new Map((await list(api, '?limit=100')).data.map((job) => [job.id, job.runAt]));

    const dashboard = await openSignedIn(browser, stack, token, { path: '?status=FAILED&errorCode=DiagnosticFailure&limit=10' });
    const { page } = dashboard;
    await eventually(async () => expect(await shownIds(page)).toHaveLength(10));
    await page.getByRole('button', { name: 'Retry all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry 12 jobs?' });
    await dialog.getByText('12 jobs match these filters on every page.').waitFor();
    // The count came from a dry run: nothing has changed yet, and going back changes nothing.
    expect(await runAts()).toEqual(before);
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await runAts()).toEqual(before);

    await page.getByRole('button', { name: 'Retry all matching…' }).click();
    await page.getByRole('dialog', { name: 'Retry 12 jobs?' }).getByRole('button', { name: 'Retry 12 jobs' }).click();
    await page.locator('.matching-summary').getByText('12 jobs retried.').waitFor();
    const after = await runAts();
    for (const id of failed) expect(Date.parse(after.get(id) ?? '')).toBeGreaterThan(Date.parse(before.get(id) ?? ''));
    expect(after.get(completed ?? '')).toBe(before.get(completed ?? ''));
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it("cancels every matching job of the caller's in an organisation's view, saying which it leaves alone", async () => {
    const org = uniqueSubject('org');
    const token = mintToken({ sub: uniqueSubject('member'), org });
    const api = stack.client.withToken(token);
    const colleague = stack.client.withToken(mintToken({ sub: uniqueSubject('colleague'), org }));
    const delayed = { ...indicatorsJob({ sweep: org }), delaySeconds: 3600 };
    const [own] = await submit(api, [delayed]);
    const [theirs] = await submit(colleague, [delayed]);
    const dashboard = await openSignedIn(browser, stack, token, { path: '?status=PENDING' });
    const { page } = dashboard;
    await eventually(async () => expect((await shownIds(page)).sort()).toEqual([own, theirs].sort()));
    await page.getByRole('button', { name: 'Cancel all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel 1 job?' });
    await dialog.getByText('2 jobs match these filters on every page; 1 not yours will be left alone.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel 1 job' }).click();
    await page.locator('.matching-summary').getByText('1 job cancelled; 1 of the 2 matching left alone.').waitFor();
    expect((await api.get<JobSummary>(`/v1/jobs/${own}/status`)).body.status).toBe('CANCELLED');
    expect((await api.get<JobSummary>(`/v1/jobs/${theirs}/status`)).body.status).toBe('PENDING');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('deletes selected jobs in bulk', async () => {
    const token = mintToken({ sub: uniqueSubject('bulk-delete') });
    const api = stack.client.withToken(token);
    const [keep, remove] = await submit(api, [indicatorsJob({ keep: true }), indicatorsJob({ keep: false })]);
    await allFinished(api);
    const dashboard = await openSignedIn(browser, stack, token);
    const { page } = dashboard;
    await expectRows(page, (await list(api, '')).data);
    await page.getByLabel(`Select job ${remove}`).check();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete 1 job?' }).getByRole('button', { name: 'Delete 1 job' }).click();
    await page.locator('.bulk-summary').getByText('1 job deleted.').waitFor();
    await expectRows(page, [keep ?? '']);
    expect((await list(api, '')).data.map((job) => job.id)).toEqual([keep]);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('renders metadata full of markup as text: nothing injected runs or appears', async () => {
    const token = mintToken({ sub: uniqueSubject('xss') });
    const api = stack.client.withToken(token);
    const metadata = {
      script: '<script>window.__injected = "script"</script>',
      image: '<img src=x onerror="window.__injected = \'img\'">',
      '<b onmouseover=alert(1)>key</b>': '"><svg onload=alert(2)>',
      link: 'javascript:alert(3)',
    };
    const [id] = await submit(api, [indicatorsJob(metadata)]);
    await allFinished(api);
    const dashboard = await openSignedIn(browser, stack, token, { path: `?q=${encodeURIComponent('<script>')}` });
    const { page } = dashboard;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await expectRows(page, [id ?? '']);
    const labels = page.locator(`tr[data-job-id="${id}"] .label`);
    // Stored as JSONB, the labels come back in its key order, not the submitted one.
    expect((await labels.allTextContents()).sort()).toEqual(Object.entries(metadata).map(([key, value]) => `${key}=${value}`).sort());
    expect(await page.getByLabel('Search').inputValue()).toBe('<script>');
    for (const label of await labels.all()) await label.hover();
    expect(await page.locator('tbody script, tbody img, tbody svg, tbody b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __injected?: string }).__injected)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('says when a page link no longer works and offers the first page', async () => {
    const token = mintToken({ sub: uniqueSubject('cursor') });
    const [id] = await submit(stack.client.withToken(token), [indicatorsJob()]);
    const dashboard = await openSignedIn(browser, stack, token, { path: '?cursor=not-a-cursor' });
    const { page } = dashboard;
    const problem = page.getByRole('alert').filter({ hasText: 'INVALID_CURSOR' });
    await problem.waitFor();
    expect(await problem.innerText()).toContain('(400)');
    await page.getByRole('link', { name: 'Go to the first page' }).click();
    await expectRows(page, [id ?? '']);
    expect(searchOf(page).has('cursor')).toBe(false);
    expect(unexpectedProblems(dashboard, 400)).toEqual([]);
    await dashboard.close();
  });

  it('says so when there are no jobs yet, and when none match', async () => {
    const token = mintToken({ sub: uniqueSubject('empty') });
    const dashboard = await openSignedIn(browser, stack, token);
    const { page } = dashboard;
    await page.getByText('No jobs yet.').waitFor();
    await page.getByRole('link', { name: 'Submit one' }).waitFor();
    await page.goto('/dashboard/?status=FAILED&limit=bogus&sort=nonsense');
    await page.getByText('No jobs match these filters.').waitFor();
    await page.locator('.list-status').getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('No jobs yet.').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('is usable on a phone-width screen: the table scrolls inside its box, every control can be reached', async () => {
    const token = mintToken({ sub: uniqueSubject('phone') });
    const api = stack.client.withToken(token);
    await submit(api, Array.from({ length: 12 }, (_, index) => indicatorsJob({ n: index, tenant: 'a rather long label value' })));
    await allFinished(api);
    const dashboard = await openSignedIn(browser, stack, token, { path: '?limit=10', viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const { page } = dashboard;
    await expectRows(page, (await list(api, '?limit=10')).data);
    const widths = await page.evaluate(() => {
      const scroller = document.querySelector('.table-scroll') as HTMLElement;
      return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, table: scroller.scrollWidth, box: scroller.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.table).toBeGreaterThan(widths.box);

    // Keyboard: from the search field, Tab reaches the status filter, which opens with Enter.
    await page.getByLabel('Search').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Status' }).getByLabel('COMPLETED').check();
    await page.keyboard.press('Escape');
    await expectRows(page, (await list(api, '?limit=10&status=COMPLETED')).data);
    await page.getByRole('link', { name: 'Next' }).scrollIntoViewIfNeeded();
    await page.getByRole('link', { name: 'Next' }).click();
    await eventually(() => expect(searchOf(page).has('cursor')).toBe(true));
    const secondPage = await list(api, `?limit=10&status=COMPLETED&cursor=${encodeURIComponent(searchOf(page).get('cursor') ?? '')}`);
    expect(secondPage.data).toHaveLength(2);
    await expectRows(page, secondPage.data);
    await page.getByLabel('Select all jobs on this page').check();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete 2 jobs?' }).getByRole('button', { name: 'Go back' }).click();
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

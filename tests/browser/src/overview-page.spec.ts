import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobStatsResponse, JobStatsTimelineResponse, JobStatus, JobSummary } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';
import { saveScreenshot } from './support/screenshots.js';
import { DIAGNOSTICS_ENV, QUICK_JOB, seedFinishedJobs, submitJob, waitForStatus } from './support/seeded-jobs.js';
import { tableRows } from './support/table-rows.js';

const STATUSES: JobStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'];

interface ShownFigure {
  text: string;
  /** The number behind the text (a count, or milliseconds), when there is one. */
  value: string | null;
}

/** The figure cards as the page shows them, by label. */
function shownFigures(page: Page): Promise<Record<string, ShownFigure>> {
  return page.locator('dl.figures .figure').evaluateAll((cards) =>
    Object.fromEntries(
      cards.map((card) => [
        card.querySelector('dt')?.textContent ?? '',
        { text: (card.querySelector('dd')?.textContent ?? '').trim(), value: card.querySelector('data')?.getAttribute('value') ?? null },
      ]),
    ),
  );
}

const MEAN_LABEL = 'Mean duration (24 h)';
const P95_LABEL = '95th percentile duration (24 h)';

/** The numbers behind the figure cards for `stats`, by label (null for "none waiting"). */
function expectedValues(stats: JobStatsResponse): Record<string, string | null> {
  const { completedLast24h: recent } = stats;
  const text = (value: number | null) => (value === null ? null : String(value));
  return {
    'All jobs': text(stats.total),
    Pending: text(stats.byStatus.PENDING),
    Processing: text(stats.byStatus.PROCESSING),
    Completed: text(stats.byStatus.COMPLETED),
    Failed: text(stats.byStatus.FAILED),
    Cancelled: text(stats.byStatus.CANCELLED),
    'Completed in the last 24 h': text(recent.count),
    [MEAN_LABEL]: text(recent.meanMs),
    [P95_LABEL]: text(recent.p95Ms),
    'Oldest pending job waiting': text(stats.oldestPendingAgeMs),
  };
}

/** The cards agree with `stats`: the numbers behind them, and what they read (counts as digits, durations with a unit). */
function expectFiguresOf(shown: Record<string, ShownFigure>, stats: JobStatsResponse): void {
  expect(Object.fromEntries(Object.entries(shown).map(([label, figure]) => [label, figure.value]))).toEqual(expectedValues(stats));
  for (const [label, figure] of Object.entries(shown)) {
    // No pending job waits "none"; durations without a completed job are a dash.
    if (figure.value === null) expect(figure.text).toBe(label === 'Oldest pending job waiting' ? 'none' : '—');
    else if (label === MEAN_LABEL || label === P95_LABEL) expect(figure.text).toMatch(/^\d+(\.\d+)? (ms|s)$/);
    else expect(figure.text).toBe(figure.value);
  }
}

/** The table by type as it must read for `stats`: busiest type first. */
function expectedTypeRows(stats: JobStatsResponse): string[][] {
  const rows = Object.entries(stats.byType)
    .sort(([a, left], [b, right]) => right.total - left.total || a.localeCompare(b))
    .map(([type, counts]) => [type, String(counts.total), ...STATUSES.map((status) => String(counts.byStatus[status]))]);
  return [['Type', 'All', 'Pending', 'Processing', 'Completed', 'Failed', 'Cancelled'], ...rows];
}

/** Each job counted in the minute it was created, and in the minute it finished under its final status. */
function expectedMinuteRows(jobs: readonly JobSummary[]): string[][] {
  const buckets = new Map<number, { created: number; COMPLETED: number; FAILED: number; CANCELLED: number }>();
  const bucketOf = (iso: string) => {
    const at = Math.floor(Date.parse(iso) / 60_000) * 60_000;
    const bucket = buckets.get(at) ?? { created: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0 };
    buckets.set(at, bucket);
    return bucket;
  };
  for (const job of jobs) {
    bucketOf(job.createdAt).created += 1;
    if (job.finishedAt !== null && (job.status === 'COMPLETED' || job.status === 'FAILED' || job.status === 'CANCELLED')) bucketOf(job.finishedAt)[job.status] += 1;
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, counts]) => [new Date(at).toISOString(), ...[counts.created, counts.COMPLETED, counts.FAILED, counts.CANCELLED].map(String)]);
}

/** A chart's data table, opened: each body row as its bucket's start (or type) and its cells' numbers (the value behind a duration). */
async function chartTable(page: Page, caption: string): Promise<string[][]> {
  const details = page.getByRole('figure', { name: caption }).locator('details');
  await details.getByText('Data table').click();
  return details.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [
      row.querySelector('time')?.getAttribute('datetime') ?? (row.querySelector('th')?.textContent ?? '').trim(),
      ...[...row.querySelectorAll('td')].map((cell) => cell.querySelector('data')?.getAttribute('value') ?? (cell.textContent ?? '').trim()),
    ]),
  );
}

describe('the overview page', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ apiEnv: DIAGNOSTICS_ENV, workerEnv: DIAGNOSTICS_ENV }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  const tokenFor = (sub: string, claims: Record<string, unknown> = {}) => mintToken({ sub, ...claims }, { expiresIn: '1h' });
  const as = (token: string): ApiClient => stack.client.withToken(token);

  /** Jobs of every final status for one organisation member and a colleague: the figures' org view counts both. */
  async function seedOrganisation(org: string): Promise<{ token: string; jobs: JobSummary[] }> {
    const token = tokenFor(uniqueSubject('member'), { org });
    const api = as(token);
    const cancelled = await submitJob(api, { ...QUICK_JOB, delaySeconds: 3600 });
    await api.post(`/v1/jobs/${cancelled}/cancel`);
    const [own, colleagues, cancelledJob] = await Promise.all([
      seedFinishedJobs(api, { completed: 3, failed: 2 }),
      seedFinishedJobs(as(tokenFor(uniqueSubject('colleague'), { org })), { completed: 1, failed: 0 }),
      waitForStatus(api, cancelled, ['CANCELLED']),
    ]);
    return { token, jobs: [...own, ...colleagues, cancelledJob] };
  }

  it('shows the figures GET /v1/jobs/stats gives the caller, and the counts by type', async () => {
    const { token } = await seedOrganisation(uniqueSubject('org'));
    const stats = (await as(token).get<JobStatsResponse>('/v1/jobs/stats')).body;
    expect(stats).toMatchObject({ total: 7, byStatus: { COMPLETED: 4, FAILED: 2, CANCELLED: 1 } });

    const dashboard = await openSignedIn(browser, stack, token, { path: 'overview' });
    const { page } = dashboard;
    await page.getByRole('heading', { name: 'Figures' }).waitFor();
    await page.locator('dl.figures').first().waitFor();
    expectFiguresOf(await shownFigures(page), stats);
    expect(await tableRows(page.getByRole('table', { name: 'Jobs by type and status' }))).toEqual(expectedTypeRows(stats));
    expect(expectedTypeRows(stats).slice(1)).toEqual([
      ['text.indicators', '5', '0', '0', '4', '0', '1'],
      ['diagnostics.sleep', '2', '0', '0', '0', '2', '0'],
    ]);
    expect(await page.getByRole('region', { name: 'Figures' }).getByText(/^Your jobs and organisation org-/).count()).toBe(1);
    expect(await page.getByLabel('Showing').count()).toBe(0);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('charts the jobs over time and the durations by type, each with a summary and its data as a table', async () => {
    const { token, jobs } = await seedOrganisation(uniqueSubject('org'));
    const dashboard = await openSignedIn(browser, stack, token, { path: 'overview?range=1h' });
    const { page } = dashboard;
    await page.getByText('Last hour, by the minute: 7 created, 4 completed, 2 failed, 1 cancelled.').waitFor();
    expect(await page.getByRole('radio', { name: 'Last hour' }).isChecked()).toBe(true);
    expect(await page.locator('figure.chart canvas').count()).toBe(2);
    for (const size of await page.locator('figure.chart canvas').evaluateAll((canvases) => canvases.map((canvas) => (canvas as HTMLCanvasElement).width)))
      expect(size).toBeGreaterThan(100);

    expect(await chartTable(page, 'Jobs created and finished over time')).toEqual(expectedMinuteRows(jobs));
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const timeline = (await as(token).get<JobStatsTimelineResponse>(`/v1/jobs/stats/timeline?bucket=minute&from=${hourAgo}`)).body;
    expect(timeline.durations.map((entry) => [entry.type, entry.count])).toEqual([['text.indicators', 4]]);
    expect(await chartTable(page, 'Duration percentiles by type')).toEqual(
      timeline.durations.map((entry) => [entry.type, String(entry.count), String(entry.p50Ms), String(entry.p90Ms), String(entry.p99Ms)]),
    );
    await saveScreenshot(page, 'overview-light');

    // The range lives in the URL.
    await page.getByRole('radio', { name: 'Last 7 days' }).check();
    await page.getByText('Last 7 days, by the hour: 7 created, 4 completed, 2 failed, 1 cancelled.').waitFor();
    expect(new URL(page.url()).search).toBe('?range=7d');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('follows an admin’s view: every owner’s figures, then only their own', async () => {
    await seedOrganisation(uniqueSubject('org'));
    const token = tokenFor(uniqueSubject('admin'), { roles: ['admin'] });
    const dashboard = await openSignedIn(browser, stack, token, { path: 'overview?view=all' });
    const { page } = dashboard;
    const figures = page.getByRole('region', { name: 'Figures' });
    await figures.getByText(/^Every owner’s jobs/).waitFor();
    // Every job in this file has finished, so the figures hold still once the cache has caught up.
    await eventually(async () => {
      const stats = (await as(token).get<JobStatsResponse>('/v1/jobs/stats?scope=all')).body;
      expectFiguresOf(await shownFigures(page), stats);
    });

    // Their own jobs (`ownerId`), of which an admin who submitted nothing has none: figures and charts alike.
    await page.getByLabel('Showing').selectOption('mine');
    await figures.getByText(/^Your jobs/).waitFor();
    expect(new URL(page.url()).search).toBe('?view=mine');
    const sub = (await as(token).get<{ sub: string }>('/v1/me')).body.sub;
    await eventually(async () => expectFiguresOf(await shownFigures(page), (await as(token).get<JobStatsResponse>(`/v1/jobs/stats?ownerId=${sub}`)).body));
    await page.getByText('Last 24 hours, by the hour: 0 created, 0 completed, 0 failed, 0 cancelled.').waitFor();
    expect(await page.getByText('Last 24 hours: no job completed, so there are no durations.').count()).toBe(1);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('fits a phone-width screen in the dark scheme, the table scrolling inside its frame and the charts as wide as the screen', async () => {
    const { token } = await seedOrganisation(uniqueSubject('org'));
    const dashboard = await openSignedIn(browser, stack, token, { path: 'overview', viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const { page } = dashboard;
    await page.getByRole('table', { name: 'Jobs by type and status' }).waitFor();
    await page.locator('figure.chart canvas').nth(1).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await saveScreenshot(page, 'overview-phone-dark');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

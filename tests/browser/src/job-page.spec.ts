import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateJobRequest, JobAcceptedResponse, JobResponse } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { type DashboardPage, openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
const XSS_STRINGS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];

describe('the job page', () => {
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

  async function readJob(token: string, id: string): Promise<{ status: number; body: JobResponse }> {
    return stack.client.withToken(token).get<JobResponse>(`/v1/jobs/${id}`);
  }

  async function finished(token: string, id: string): Promise<JobResponse> {
    const { body } = await waitUntil(() => readJob(token, id), ({ body }) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(body.status), { timeoutMs: 60_000 });
    return body;
  }

  /** Opens the job's page and waits until it shows the job. */
  async function openJob(token: string, id: string, options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): Promise<DashboardPage> {
    const dashboard = await openSignedIn(browser, stack, token, { path: `jobs/${id}`, ...options });
    await dashboard.page.locator('.job-header-id', { hasText: id }).waitFor();
    return dashboard;
  }

  const status = (page: Page) => page.locator('.job-header .status');

  it('renders a text.indicators result as a table grouped and filterable by kind, with the raw JSON and the compact form in tabs', async () => {
    const token = mintToken({ sub: uniqueSubject('indicators') });
    const text = 'Beacon to 203.0.113.7 and 198.51.100.23 (twice: 203.0.113.7), then hxxp://evil[.]example/payload; see CVE-2024-3094 and 44d88612fea8a8f36de82e1278abb02f.';
    const id = await submit(token, { type: 'text.indicators', payload: { text } });
    const job = await finished(token, id);
    expect(job.status).toBe('COMPLETED');

    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    await expect(status(page).innerText()).resolves.toBe('COMPLETED');
    const table = page.locator('table.indicators-table');
    await table.waitFor();
    const result = job.result as { total: number; indicators: { kind: string; value: string; occurrences: number }[] };
    await expect(table.locator('tbody tr').count()).resolves.toBe(result.indicators.length);
    // Grouped by kind: IPv4 addresses first, the most frequent on top.
    await expect(table.locator('tbody tr').first().innerText()).resolves.toMatch(/IPv4 address\s+203\.0\.113\.7\s+2/);
    expect(await page.locator('.kind-counts').innerText()).toContain('IPv4 address: 2');

    await page.getByLabel('Kind', { exact: true }).selectOption('cve');
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    expect(await table.locator('tbody').innerText()).toContain('CVE-2024-3094');
    await page.getByLabel('Kind', { exact: true }).selectOption('');
    await page.getByLabel('Value contains').fill('198.51');
    await eventually(async () => expect(await table.locator('tbody tr').count()).toBe(1));

    // Tabs: arrow keys move between them; the raw JSON is the whole result, the compact form its counts.
    await page.getByRole('tab', { name: 'Result' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Raw JSON' }).getAttribute('aria-selected')).resolves.toBe('true');
    const raw = await page.getByRole('tabpanel').locator('pre').innerText();
    expect(JSON.parse(raw)).toEqual(job.result);
    await page.getByRole('tab', { name: 'Compact' }).click();
    const compact = page.getByRole('tabpanel').locator('pre');
    await compact.waitFor();
    expect(JSON.parse(await compact.innerText())).toEqual({ total: result.total, counts: expect.any(Object) });
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('shows every field of a delayed job: owner, organisation, priority, attempts, webhook, metadata, and when it will run', async () => {
    const org = `org-${randomUUID()}`;
    const sub = uniqueSubject('fields');
    const token = mintToken({ sub, org });
    const id = await submit(token, {
      type: 'diagnostics.sleep',
      payload: { durationMs: 0 },
      priority: 7,
      maxAttempts: 4,
      timeoutSeconds: 90,
      delaySeconds: 3600,
      metadata: { team: 'blue', ticket: 42, urgent: false },
      webhook: { url: 'https://hooks.example.com/jobs?source=dashboard', secret: 'a-secret-of-sixteen-or-more' },
    });
    const job = (await readJob(token, id)).body;

    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    const field = (name: string) => page.locator(`.field-list dt:text-is("${name}") + dd`).first();
    await expect(status(page).innerText()).resolves.toBe('PENDING');
    await expect(field('Owner').innerText()).resolves.toBe(sub);
    await expect(field('Organisation').innerText()).resolves.toBe(org);
    await expect(field('Priority').innerText()).resolves.toBe('7');
    await expect(field('Attempts').innerText()).resolves.toBe('0 of at most 4');
    await expect(field('Timeout').innerText()).resolves.toBe('90 s per attempt');
    await expect(field('Runs from').locator('time').getAttribute('datetime')).resolves.toBe(job.runAt);
    await expect(field('URL').innerText()).resolves.toBe('https://hooks.example.com/jobs?source=dashboard');
    expect(await page.locator('main').innerText()).not.toContain('a-secret-of-sixteen-or-more');
    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toMatch(/Will run/);
    expect(timeline).toMatch(/Waiting for its run time/);
    expect(JSON.parse(await page.getByRole('region', { name: 'The metadata as JSON' }).innerText())).toEqual({ team: 'blue', ticket: 42, urgent: false });
    await expect(page.getByRole('group', { name: 'Change the job' }).getByRole('button').allInnerTexts()).resolves.toEqual(['Cancel job', 'Delete']);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('renders domain.similar variants a page at a time, filterable by fuzzer, with the totals', async () => {
    const token = mintToken({ sub: uniqueSubject('similar') });
    const id = await submit(token, { type: 'domain.similar', payload: { domain: 'example.com', limit: 300 } });
    const job = await finished(token, id);
    expect(job.status).toBe('COMPLETED');
    const result = job.result as { count: number; total: number; variants: { fuzzer: string }[] };

    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    const table = page.locator('table.similar-domains-table');
    await table.waitFor();
    expect(await page.locator('.similar-totals').innerText()).toBe(`${result.count} of ${result.total.toLocaleString('en')} variants listed (the limit cut the list)`);
    await expect(table.locator('tbody tr').count()).resolves.toBe(50);
    expect(await page.locator('.pager-range').innerText()).toBe(`Rows 1–50 of ${result.count}`);

    const omissions = result.variants.filter((variant) => variant.fuzzer === 'omission').length;
    expect(omissions).toBeGreaterThan(0);
    await page.getByLabel('Fuzzer').selectOption('omission');
    await eventually(async () => expect(await page.locator('.pager-range').innerText()).toBe(`Rows 1–${Math.min(50, omissions)} of ${omissions}`));
    const fuzzers = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(new Set(fuzzers)).toEqual(new Set(['omission']));

    await page.getByLabel('Fuzzer').selectOption('');
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(async () => expect(await page.locator('.pager-range').innerText()).toBe(`Rows 51–100 of ${result.count}`));
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('renders a sample.analyze report: hashes, file type, sections and the entropy chart', async () => {
    const token = mintToken({ sub: uniqueSubject('sample') });
    const bytes = readFileSync('/usr/bin/true');
    const id = await submit(token, { type: 'sample.analyze', payload: { contentBase64: bytes.toString('base64'), filename: 'true' } });
    expect((await finished(token, id)).status).toBe('COMPLETED');

    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    const report = page.locator('.sample-report');
    await report.waitFor();
    const hashes = await report.locator('.hashes').innerText();
    expect(hashes).toContain(createHash('sha256').update(bytes).digest('hex'));
    expect(hashes).toContain(createHash('md5').update(bytes).digest('hex'));
    expect(await report.innerText()).toMatch(/ELF/);
    await expect(report.locator('table.sections-table tbody tr', { hasText: '.text' }).count()).resolves.toBe(1);
    await report.locator('.entropy-chart canvas').waitFor();
    expect(await report.locator('.entropy-chart').getAttribute('aria-label')).toMatch(/^Entropy of \d+ blocks of 4 KiB/);
    await report.locator('table.strings-table').waitFor();
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('follows a running job live: PROCESSING with its progress moving, then COMPLETED with the result, without a reload', async () => {
    const token = mintToken({ sub: uniqueSubject('live') });
    // Long enough for the page to open while it runs, even on a loaded machine.
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 12_000, steps: 12 } });
    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));

    await eventually(async () => expect(await status(page).innerText()).toBe('PROCESSING'));
    await page.locator('.live-indicator', { hasText: 'Live' }).waitFor();
    const seen = new Set<string>();
    await eventually(async () => {
      const progress = await page.locator('.job-progress .progress-text').innerText({ timeout: 1000 }).catch(() => '');
      if (progress) seen.add(progress);
      expect(seen.size).toBeGreaterThanOrEqual(2);
    }, 60_000);
    // The attempt's start, read when the stream said it began.
    await eventually(async () => expect(await page.locator('.timeline').innerText()).toMatch(/Started/));

    await eventually(async () => expect(await status(page).innerText()).toBe('COMPLETED'), 60_000);
    await page.locator('.key-values', { hasText: 'sleptMs' }).waitFor();
    expect(await page.locator('.live-indicator').innerText()).toBe('');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('stops following the job when the page is left', async () => {
    const token = mintToken({ sub: uniqueSubject('leave') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 120_000, steps: 120 } });
    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    const aborted: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.url().endsWith(`/v1/jobs/${id}/stream`)) aborted.push(request.failure()?.errorText ?? '');
    });
    await page.locator('.live-indicator', { hasText: 'Live' }).waitFor();
    await page.getByRole('link', { name: '← Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    await eventually(() => expect(aborted).toEqual(['net::ERR_ABORTED']));
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
    expect((await stack.client.withToken(token).post(`/v1/jobs/${id}/cancel`)).status).toBe(200);
  });

  it('cancels a running job after confirmation, and says why when it ended before the confirmation', async () => {
    const token = mintToken({ sub: uniqueSubject('cancel') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 120_000, steps: 120 } });
    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    await eventually(async () => expect(await status(page).innerText()).toBe('PROCESSING'));

    await page.getByRole('button', { name: 'Cancel job' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this job?' });
    await dialog.waitFor();
    // Focus starts on the safe choice; Escape closes without cancelling.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Don’t cancel'));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel job'));
    expect((await readJob(token, id)).body.status).toBe('PROCESSING');

    await page.getByRole('button', { name: 'Cancel job' }).click();
    await dialog.getByRole('button', { name: 'Cancel the job' }).click();
    await eventually(async () => expect(await status(page).innerText()).toBe('CANCELLED'));
    expect((await readJob(token, id)).body.status).toBe('CANCELLED');
    await expect(page.locator('.timeline').innerText()).resolves.toMatch(/Cancelled/);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();

    // A job that finishes while the confirmation is open (cancelled elsewhere): the API's 409 is shown with its code.
    const other = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 120_000, steps: 120 } });
    const second = await openJob(token, other);
    await second.page.getByRole('button', { name: 'Cancel job' }).click();
    expect((await stack.client.withToken(token).post(`/v1/jobs/${other}/cancel`)).status).toBe(200);
    await eventually(async () => expect(await status(second.page).innerText()).toBe('CANCELLED'));
    await second.page.getByRole('dialog').getByRole('button', { name: 'Cancel the job' }).click();
    const problem = second.page.getByRole('alert').filter({ hasText: 'Could not cancel the job' });
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/JOB_ALREADY_FINISHED\s+\(409\)/);
    expect(second.problems.filter((line) => !line.includes('409'))).toEqual([]);
    await second.close();
  });

  it('retries a failed job after confirmation and follows its new run', async () => {
    const token = mintToken({ sub: uniqueSubject('retry') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 100, failAttempts: 1 }, maxAttempts: 1 });
    const failed = await finished(token, id);
    expect(failed.status).toBe('FAILED');

    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    expect(await page.locator('.job-error').innerText()).toContain('DiagnosticFailure');
    expect(await page.locator('.job-error').innerText()).toContain('failing attempt 1 of the first 1 as asked');
    const started = () => page.locator('.field-list dt:text-is("Started") + dd time').getAttribute('datetime');
    await expect(started()).resolves.toBe(failed.startedAt);

    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('dialog', { name: 'Run this job again?' }).getByRole('button', { name: 'Retry the job' }).click();
    // It ran again (it fails its first attempt again, as asked): the page shows the new run's times.
    const rerun = await waitUntil(() => readJob(token, id), ({ body }) => body.status === 'FAILED' && body.startedAt !== failed.startedAt, { timeoutMs: 60_000 });
    await eventually(async () => expect(await started()).toBe(rerun.body.startedAt));
    await eventually(async () => expect(await status(page).innerText()).toBe('FAILED'));
    expect(Date.parse(rerun.body.runAt)).toBeGreaterThan(Date.parse(failed.runAt));
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('deletes a job after confirmation, back on the jobs list, and the API no longer has it', async () => {
    const token = mintToken({ sub: uniqueSubject('delete') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 0 } });
    await finished(token, id);
    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this job?' }).getByRole('button', { name: 'Delete the job' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    expect((await readJob(token, id)).status).toBe(404);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('shows an organisation’s job to a member, with every change action disabled', async () => {
    const org = `org-${randomUUID()}`;
    const owner = mintToken({ sub: uniqueSubject('owner'), org });
    const member = mintToken({ sub: uniqueSubject('member'), org });
    const id = await submit(owner, { type: 'diagnostics.sleep', payload: { durationMs: 0, failAttempts: 1 }, maxAttempts: 1 });
    expect((await finished(owner, id)).status).toBe('FAILED');

    const dashboard = await openJob(member, id);
    const { page } = dashboard;
    const buttons = page.getByRole('group', { name: 'Change the job' }).getByRole('button');
    await expect(buttons.allInnerTexts()).resolves.toEqual(['Retry', 'Delete']);
    for (const button of await buttons.all()) expect(await button.isDisabled()).toBe(true);
    expect(await page.locator('#job-actions-hint').innerText()).toMatch(/Only its owner .* or an admin can change this job/);
    // Copying the curl command is reading, which a member may.
    await expect(page.getByRole('button', { name: 'Copy as curl' }).isEnabled()).resolves.toBe(true);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('says a job of another owner is not found, and an id that is no job id is invalid, with a way back', async () => {
    const owner = mintToken({ sub: uniqueSubject('private') });
    const id = await submit(owner, { type: 'diagnostics.sleep', payload: { durationMs: 0 } });
    const stranger = mintToken({ sub: uniqueSubject('stranger'), org: `org-${randomUUID()}` });

    const dashboard = await openSignedIn(browser, stack, stranger, { path: `jobs/${id}` });
    const { page } = dashboard;
    await page.getByRole('heading', { name: 'Job not found' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/JOB_NOT_FOUND\s+\(404\)/);
    await page.getByRole('link', { name: 'Back to the jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    expect(dashboard.problems.filter((line) => !line.includes('404'))).toEqual([]);

    await page.goto('/dashboard/jobs/not-a-job-id');
    await page.getByRole('heading', { name: 'Not a job id' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/VALIDATION_FAILED\s+\(400\)/);
    expect(dashboard.problems.filter((line) => !line.includes('404') && !line.includes('400'))).toEqual([]);
    await dashboard.close();
  });

  it('keeps markup in a payload, metadata and result inert: shown as text, nothing injected or run', async () => {
    const token = mintToken({ sub: uniqueSubject('xss') });
    const text = `${XSS_STRINGS.join(' ')} beacon to 203.0.113.9`;
    const metadata = Object.fromEntries(XSS_STRINGS.map((value, index) => [`label${index}${value.slice(0, 10)}`, value]));
    const id = await submit(token, { type: 'text.indicators', payload: { text }, metadata });
    expect((await finished(token, id)).status).toBe('COMPLETED');

    const dashboard = await openJob(token, id);
    const { page } = dashboard;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator('table.indicators-table').waitFor();
    const payload = await page.getByRole('region', { name: 'The payload as JSON' }).innerText();
    expect(JSON.parse(payload)).toEqual({ text });
    const shownMetadata = await page.getByRole('region', { name: 'The metadata as JSON' }).innerText();
    expect(JSON.parse(shownMetadata)).toEqual(metadata);
    await page.getByRole('tab', { name: 'Raw JSON' }).click();
    await page.getByRole('tabpanel').locator('pre').waitFor();

    await expect(page.locator('main img, main svg, main script, main iframe').count()).resolves.toBe(0);
    await expect(page.locator('[onerror], [onload]').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('copies a curl command that reads the job with the token left to $JOBS_TOKEN, or shows it to copy by hand', async () => {
    const token = mintToken({ sub: uniqueSubject('curl') });
    const id = await submit(token, { type: 'diagnostics.sleep', payload: { durationMs: 0 } });
    const expected = `curl -s ${stack.api.url}/v1/jobs/${id} -H "Authorization: Bearer $JOBS_TOKEN"`;

    const dashboard = await openJob(token, id);
    const { page, context } = dashboard;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.api.url });
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(expected);
    expect(copied).not.toContain(token);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();

    // Without a clipboard the command is shown, selected, to copy by hand.
    const fallback = await openJob(token, id);
    await fallback.page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await fallback.page.getByRole('button', { name: 'Copy as curl' }).click();
    const field = fallback.page.getByLabel('The clipboard is not available here');
    await field.waitFor();
    await expect(field.inputValue()).resolves.toBe(expected);
    // The field is selected by an effect after it is drawn: awaited, not read at once.
    await eventually(async () => expect(await fallback.page.evaluate(() => window.getSelection()?.toString() || (document.activeElement as HTMLInputElement | null)?.selectionEnd)).toBeTruthy());
    expect(fallback.problems).toEqual([]);
    await fallback.close();
  });

  it('is usable at phone width in the dark scheme: nothing wider than the screen, tables scroll inside their box', async () => {
    const token = mintToken({ sub: uniqueSubject('phone') });
    const id = await submit(token, { type: 'domain.similar', payload: { domain: 'a-rather-long-domain-name-for-a-phone.example.com', limit: 200 } });
    expect((await finished(token, id)).status).toBe('COMPLETED');

    const dashboard = await openJob(token, id, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const { page } = dashboard;
    await page.locator('table.similar-domains-table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
    for (const name of ['Delete', 'Copy as curl']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await page.getByLabel('Fuzzer').selectOption('omission');
    await eventually(async () => expect(new Set(await page.locator('table.similar-domains-table tbody tr td:first-child').allInnerTexts())).toEqual(new Set(['omission'])));
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

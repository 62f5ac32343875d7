import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobResponse, JobTypeListResponse } from '@jobs/contracts';
import { ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { type DashboardPage, openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

/** Chromium logs each refused request as a console error; a test that provokes refusals names the statuses it expects. */
function unexpectedProblems(dashboard: DashboardPage, ...statuses: number[]): string[] {
  return dashboard.problems.filter((problem) => !statuses.some((status) => problem.includes(`the server responded with a status of ${status}`)));
}

/** Presses Tab until the element matching `selector` has the focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function landedJobId(page: Page): Promise<string> {
  await page.waitForURL(/\/dashboard\/jobs\/[0-9a-f-]{36}$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/** A text control by its accessible name, which the visible "required" mark is not part of. */
function textbox(page: Page, name: string): Locator {
  return page.getByRole('textbox', { name, exact: true });
}

/** Opens the Options section unless it is open. */
async function openOptions(page: Page): Promise<void> {
  const details = page.locator('details.submit-options');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

/** The request body shown in JSON mode. */
async function jsonBody(page: Page): Promise<unknown> {
  return JSON.parse(await page.getByLabel('Request body (JSON)').inputValue());
}

describe('the Submit page', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    const switches = { ENABLE_DIAGNOSTIC_JOBS: 'true', ENABLE_BENCHMARK_JOBS: 'true' };
    // A small body limit, so that PAYLOAD_TOO_LARGE takes a small text to provoke.
    [stack, browser] = await Promise.all([startStack({ apiEnv: { ...switches, BODY_LIMIT_BYTES: '65536' }, workerEnv: switches }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  function signedIn(prefix: string): { token: string; api: ApiClient } {
    const token = mintToken({ sub: uniqueSubject(prefix) });
    return { token, api: new ApiClient(stack.api.url, token) };
  }

  it('submits a text.indicators job from the form: lands on its page, the API holds exactly what was entered, and it completes', async () => {
    const { token, api } = signedIn('submit');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=text.indicators' });
    const { page } = dashboard;
    const text = 'Seen: hxxp://evil[.]example/x from 203.0.113.7\n  and CVE-2024-3094 (keep the spaces)  ';
    await textbox(page, 'text').fill(text);
    await openOptions(page);
    await page.getByLabel('Priority').fill('5');
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label 1 key').fill('ticket');
    await page.getByLabel('Label 1 value').fill('OPS-7');
    await page.getByRole('button', { name: 'Submit job' }).click();

    const jobId = await landedJobId(page);
    const job = await api.get<JobResponse>(`/v1/jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ type: 'text.indicators', payload: { text }, priority: 5, metadata: { ticket: 'OPS-7' } });
    expect(Object.keys(job.body.payload)).toEqual(['text']);
    await waitUntil(
      () => api.get<JobResponse>(`/v1/jobs/${jobId}`),
      (response) => response.body.status === 'COMPLETED',
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    // Back on the form, it still holds the values: the way to submit another like it.
    await page.goBack();
    await page.getByRole('status').filter({ hasText: jobId }).waitFor();
    expect(await textbox(page, 'text').inputValue()).toBe(text);
    expect(await page.getByLabel('Label 1 value').inputValue()).toBe('OPS-7');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('shows the API’s field errors beside the fields they name, focuses the first, and opens the options when one is there', async () => {
    const { token } = signedIn('field-errors');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=domain.similar' });
    const { page } = dashboard;
    // Values only the API refuses: the form checks presence and types, the API ranges, lengths and formats.
    await textbox(page, 'domain').fill(`${'x'.repeat(260)}.com`);
    await textbox(page, 'limit').fill('0');
    await page.getByRole('button', { name: 'Add tlds' }).click();
    await textbox(page, 'tlds 1').fill('NOT A SUFFIX!');
    await page.getByRole('button', { name: 'Submit job' }).click();

    const domain = textbox(page, 'domain');
    await eventually(async () => expect(await domain.getAttribute('aria-invalid')).toBe('true'));
    const described = async (label: string) => {
      const control = textbox(page, label);
      const ids = (await control.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(ids.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
      return texts.join('\n');
    };
    expect(await described('domain')).toContain('payload.domain must be shorter than or equal to 253 characters');
    expect(await described('limit')).toContain('payload.limit must not be less than 1');
    expect(await described('tlds 1')).toContain('each value in tlds must be a suffix such as com or co.uk');
    // The focus moves after the marks are drawn (an effect), so it is awaited rather than read at once.
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true'));
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value.endsWith('.com'))).toBe(true);
    const summary = page.locator('.submit-summary');
    expect(await summary.innerText()).toContain('VALIDATION_FAILED');
    expect(await summary.innerText()).toContain('3 fields are marked below.');

    // Correcting a field clears its mark; the request's own fields are checked before the payload.
    await domain.fill('example.com');
    expect(await domain.getAttribute('aria-invalid')).toBeNull();
    await textbox(page, 'limit').fill('5');
    await textbox(page, 'tlds 1').fill('net');
    expect(await page.locator('details.submit-options').getAttribute('open')).toBeNull();
    await openOptions(page);
    await page.getByLabel('Priority').fill('500');
    await page.locator('details.submit-options > summary').click();
    await page.getByRole('button', { name: 'Submit job' }).click();
    await eventually(async () => expect(await page.getByLabel('Priority').getAttribute('aria-invalid')).toBe('true'));
    expect(await page.locator('details.submit-options').getAttribute('open')).not.toBeNull();
    expect(await described('Priority')).toContain('priority must not be greater than 100');
    const priorityId = await page.getByLabel('Priority').getAttribute('id');
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe(priorityId));
    expect(unexpectedProblems(dashboard, 400)).toEqual([]);
    await dashboard.close();
  });

  it('checks presence and types itself and sends nothing until they are right', async () => {
    const { token, api } = signedIn('checked-here');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=diagnostics.sleep' });
    const { page } = dashboard;
    await page.getByLabel('steps').fill('ten');
    await page.getByRole('button', { name: 'Submit job' }).click();
    await page.getByText('Nothing was sent: some fields need a value or a correction.').waitFor();
    expect(await page.getByLabel('durationMs').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('steps').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-invalid .field-error').allInnerTexts()).toEqual(['payload.durationMs is required', 'payload.steps must be an integer']);
    expect((await api.get<{ data: unknown[] }>('/v1/jobs')).body.data).toEqual([]);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('renders the form of every registered type from its schema, with a control per property and no console error', async () => {
    const { token, api } = signedIn('every-type');
    const { body } = await api.get<JobTypeListResponse>('/v1/job-types');
    expect(body.data.map((type) => type.name)).toEqual(['text.indicators', 'domain.similar', 'sample.analyze', 'diagnostics.sleep', 'bench.noop']);
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit' });
    const { page } = dashboard;
    for (const type of body.data) {
      await page.getByLabel('Job type').selectOption(type.name);
      await page.getByText(type.description).waitFor();
      const payload = page.locator('fieldset.payload-fields');
      const properties = type.payloadSchema['properties'] as Record<string, unknown>;
      const required = (type.payloadSchema['required'] as string[] | undefined) ?? [];
      for (const key of Object.keys(properties)) {
        const label = payload.locator('label, legend').filter({ hasText: new RegExp(`^${key}( required)?$`) });
        expect(await label.count()).toBe(1);
        expect(await label.innerText()).toBe(required.includes(key) ? `${key} required` : key);
      }
      expect(await payload.getByText('Written as JSON').count()).toBe(0);
    }
    expect(new URL(page.url()).searchParams.get('type')).toBe('bench.noop');
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('edits the request as JSON and back, keeping the two in step, and keeps JSON the form cannot hold', async () => {
    const { token } = signedIn('json');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=text.indicators' });
    const { page } = dashboard;
    await textbox(page, 'text').fill('alpha');
    await openOptions(page);
    await page.getByLabel('Priority').fill('3');
    await page.getByRole('radio', { name: 'JSON' }).click();
    expect(await jsonBody(page)).toEqual({ type: 'text.indicators', payload: { text: 'alpha' }, priority: 3 });

    const edited = {
      type: 'domain.similar',
      payload: { domain: 'example.org', fuzzers: ['plural', 'addition'], limit: 7 },
      metadata: { team: 'blue' },
      delaySeconds: 30,
    };
    await page.getByLabel('Request body (JSON)').fill(JSON.stringify(edited));
    await page.getByRole('radio', { name: 'Form' }).click();
    await textbox(page, 'domain').waitFor();
    expect(new URL(page.url()).searchParams.get('type')).toBe('domain.similar');
    expect(await page.getByLabel('Job type').inputValue()).toBe('domain.similar');
    expect(await textbox(page, 'domain').inputValue()).toBe('example.org');
    expect(await page.getByLabel('plural').isChecked()).toBe(true);
    expect(await page.getByLabel('addition').isChecked()).toBe(true);
    expect(await page.getByLabel('omission').isChecked()).toBe(false);
    expect(await textbox(page, 'limit').inputValue()).toBe('7');
    expect(await page.getByLabel('Label 1 value').inputValue()).toBe('blue');
    expect(await page.getByLabel('Delay (seconds)').inputValue()).toBe('30');
    expect(await page.getByLabel('Priority').inputValue()).toBe('');

    await page.getByRole('radio', { name: 'JSON' }).click();
    expect(await jsonBody(page)).toEqual(edited);

    // A value the form has no way to hold: the body stays JSON, and the API judges it as written.
    await page.getByLabel('Request body (JSON)').fill(JSON.stringify({ type: 'domain.similar', payload: { domain: 'example.org', fuzzers: ['nope'] } }));
    await page.getByRole('radio', { name: 'Form' }).click();
    await page.getByText('The form cannot show payload.fuzzers exactly as written').waitFor();
    expect(await page.getByRole('radio', { name: 'JSON' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Request body (JSON)').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Submit job' }).click();
    const summary = page.locator('.submit-summary');
    await summary.getByText('VALIDATION_FAILED').waitFor();
    expect(await summary.innerText()).toContain('payload.fuzzers: each value in fuzzers must be one of: addition');

    await page.getByLabel('Request body (JSON)').fill(JSON.stringify({ type: 'text.indicators', payload: { text: '' } }));
    await page.getByRole('button', { name: 'Submit job' }).click();
    await summary.getByText('payload.text must be longer than or equal to 1 characters').waitFor();

    await page.getByLabel('Request body (JSON)').fill('{"type": ');
    await page.getByRole('button', { name: 'Submit job' }).click();
    await page.getByText('This is not valid JSON').waitFor();
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA'));
    expect(unexpectedProblems(dashboard, 400)).toEqual([]);
    await dashboard.close();
  });

  it('shows other refusals readably with their codes: an unknown type, a body too large, a reused idempotency key', async () => {
    const { token, api } = signedIn('problems');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=no.such.type' });
    const { page } = dashboard;
    await page.getByText('There is no job type “no.such.type” here.').waitFor();
    await page.getByRole('radio', { name: 'JSON' }).click();
    await page.getByLabel('Request body (JSON)').fill(JSON.stringify({ type: 'no.such.type', payload: {} }));
    await page.getByRole('button', { name: 'Submit job' }).click();
    const summary = page.locator('.submit-summary');
    await summary.getByText('UNKNOWN_JOB_TYPE').waitFor();

    await page.getByLabel('Request body (JSON)').fill(JSON.stringify({ type: 'text.indicators', payload: { text: 'a'.repeat(70_000) } }));
    await page.getByRole('button', { name: 'Submit job' }).click();
    await summary.getByText('PAYLOAD_TOO_LARGE').waitFor();

    await page.getByLabel('Request body (JSON)').fill(JSON.stringify({ type: 'text.indicators', payload: { text: 'first' } }));
    await page.getByRole('radio', { name: 'Form' }).click();
    await openOptions(page);
    const key = `key-${uniqueSubject('idempotency')}`;
    await page.getByLabel('Idempotency-Key').fill(key);
    await page.getByRole('button', { name: 'Submit job' }).click();
    const jobId = await landedJobId(page);
    await page.goBack();
    await textbox(page, 'text').fill('second');
    await openOptions(page);
    expect(await page.getByLabel('Idempotency-Key').inputValue()).toBe('');
    await page.getByLabel('Idempotency-Key').fill(key);
    await page.getByRole('button', { name: 'Submit job' }).click();
    await summary.getByText('IDEMPOTENCY_KEY_REUSED').waitFor();
    expect(await summary.innerText()).toContain('(422)');
    const jobs = await api.get<{ data: { id: string }[] }>('/v1/jobs');
    expect(jobs.body.data.map((job) => job.id)).toEqual([jobId]);
    expect(unexpectedProblems(dashboard, 400, 413, 422)).toEqual([]);
    await dashboard.close();
  });

  it('stores metadata labels full of markup as text and shows them inert, in the form and in the API’s errors', async () => {
    const { token, api } = signedIn('xss');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=text.indicators' });
    const { page } = dashboard;
    const markup = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
    await textbox(page, 'text').fill(markup);
    await openOptions(page);
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label 1 key').fill('<b onmouseover=alert(1)>note</b>');
    await page.getByLabel('Label 1 value').fill(markup);
    // A value over the limit: the API's message quotes the key, which must show as text.
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label 2 key').fill('<img src=x onerror="window.__xss = 3">');
    await page.getByLabel('Label 2 value').fill('v'.repeat(600));
    await page.getByRole('button', { name: 'Submit job' }).click();
    const metadataError = page.locator('fieldset.field-invalid .field-error');
    await metadataError.getByText('metadata value of "<img src=x onerror="window.__xss = 3">" must be at most 512 characters').waitFor();

    await page.getByRole('button', { name: 'Remove label 2' }).click();
    await page.getByRole('button', { name: 'Submit job' }).click();
    const jobId = await landedJobId(page);
    const job = await api.get<JobResponse>(`/v1/jobs/${jobId}`);
    expect(job.body.payload).toEqual({ text: markup });
    expect(job.body.metadata).toEqual({ '<b onmouseover=alert(1)>note</b>': markup });

    await page.goBack();
    await textbox(page, 'text').waitFor();
    expect(await page.getByLabel('Label 1 value').inputValue()).toBe(markup);
    await page.getByRole('radio', { name: 'JSON' }).click();
    expect(await jsonBody(page)).toMatchObject({ metadata: { '<b onmouseover=alert(1)>note</b>': markup } });
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(unexpectedProblems(dashboard, 400)).toEqual([]);
    await dashboard.close();
  });

  it('can be used with the keyboard alone: Tab to each control, Enter to open the options and to submit', async () => {
    const { token, api } = signedIn('keyboard');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=text.indicators' });
    const { page } = dashboard;
    await page.locator('h1').click();
    await tabTo(page, 'textarea');
    await page.keyboard.type('mail admin@example.com');
    await tabTo(page, 'details.submit-options > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, `[id="${await page.getByLabel('Priority').getAttribute('id')}"]`);
    await page.keyboard.type('-2');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    const jobId = await landedJobId(page);
    expect((await api.get<JobResponse>(`/v1/jobs/${jobId}`)).body).toMatchObject({ payload: { text: 'mail admin@example.com' }, priority: -2 });
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('is usable at phone width in the dark scheme: nothing wider than the screen, errors beside the fields, and it submits', async () => {
    const { token, api } = signedIn('phone');
    const dashboard = await openSignedIn(browser, stack, token, { path: 'submit?type=domain.similar', viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const { page } = dashboard;
    await textbox(page, 'domain').fill('not a domain');
    await page.getByRole('button', { name: 'Add tlds' }).click();
    await textbox(page, 'tlds 1').fill('net');
    await openOptions(page);
    await page.getByRole('button', { name: 'Add label' }).click();
    await page.getByLabel('Label 1 key').fill('device');
    await page.getByLabel('Label 1 value').fill('phone');
    await page.getByRole('button', { name: 'Submit job' }).click();
    await page.getByText('payload.domain must be a domain name such as example.com').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const label of ['domain', 'limit', 'tlds 1', 'Label 1 value', 'Priority']) {
      const box = await textbox(page, label).boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }
    const colours = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    expect(colours).toEqual(['rgb(13, 17, 23)', 'rgb(230, 237, 243)']);

    await textbox(page, 'domain').fill('example.net');
    await page.getByRole('button', { name: 'Submit job' }).click();
    const jobId = await landedJobId(page);
    expect((await api.get<JobResponse>(`/v1/jobs/${jobId}`)).body).toMatchObject({ payload: { domain: 'example.net', tlds: ['net'] }, metadata: { device: 'phone' } });
    expect(unexpectedProblems(dashboard, 400)).toEqual([]);
    await dashboard.close();
  });
});

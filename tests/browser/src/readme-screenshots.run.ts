import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from '@jest/globals';
import type { CreateJobRequest, JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { ApiClient, mintToken, startStack, type TestStack, waitUntil } from '@jobs/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { openSignedIn } from './support/dashboard.js';

/**
 * The README's screenshots of the dashboard, on a stack seeded with a realistic mix of jobs:
 * `pnpm dashboard:screenshots` (not part of the test run) writes them to docs/screenshots/.
 */
const OUTPUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

let stack: TestStack;
let browser: Browser;
const alice = mintToken({ sub: 'alice', org: 'acme', roles: [] }, { expiresIn: '1h' });
const admin = mintToken({ sub: 'ops-admin', roles: ['admin'] }, { expiresIn: '1h' });

beforeAll(async () => {
  const switches = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
  [stack, browser] = await Promise.all([startStack({ apiEnv: switches, workerEnv: { ...switches, WORKER_CONCURRENCY: '8' } }), launchBrowser()]);
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await Promise.all([browser?.close(), stack?.stop()]);
});

async function submit(token: string, job: CreateJobRequest): Promise<string> {
  const response = await new ApiClient(stack.api.url, token).post<JobAcceptedResponse>('/v1/jobs', job);
  if (response.status !== 202) throw new Error(`seeding failed: ${JSON.stringify(response.body)}`);
  return response.body.jobId;
}

async function finished(token: string, id: string): Promise<void> {
  await waitUntil(
    async () => (await new ApiClient(stack.api.url, token).get<JobSummary>(`/v1/jobs/${id}/status`)).body.status,
    (status) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(status),
    { timeoutMs: 60_000 },
  );
}

/** The viewport, or the whole page for the long ones. */
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  // Let charts and live updates settle.
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${OUTPUT}${name}.png`, fullPage });
}

it('takes the README screenshots', async () => {
  const reports = [
    'Phishing kit at hxxps://login-micros0ft[.]com/owa served from 203.0.113.7 and 198.51.100.23; payload SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08; exploits CVE-2024-3094.',
    'Beacon to hxxp://cdn-update[.]example/gate.php every 60 s; contact abuse@example.net',
    'Seen in logs: 192.0.2.44, 2001:db8::7, and update-check[.]example.org',
  ];
  const indicators = [];
  for (const [index, text] of reports.entries()) {
    indicators.push(await submit(alice, { type: 'text.indicators', payload: { text }, metadata: { team: index === 0 ? 'blue' : 'red', ticket: `OPS-${40 + index}` } }));
  }
  const similar = await submit(alice, { type: 'domain.similar', payload: { domain: 'example.com', limit: 500 }, metadata: { team: 'brand' } });
  const sample = await submit(alice, {
    type: 'sample.analyze',
    payload: { contentBase64: readFileSync('/usr/bin/true').toString('base64'), filename: 'true' },
    metadata: { source: 'upload' },
  });
  const failing = await submit(alice, { type: 'diagnostics.sleep', payload: { durationMs: 200, failAttempts: 3 }, maxAttempts: 1, metadata: { check: 'deploy' } });
  for (const id of [...indicators, similar, sample, failing]) await finished(alice, id);
  const cancelled = await submit(alice, { type: 'diagnostics.sleep', payload: { durationMs: 60_000 }, delaySeconds: 3600 });
  await new ApiClient(stack.api.url, alice).post(`/v1/jobs/${cancelled}/cancel`);
  await submit(alice, { type: 'domain.similar', payload: { domain: 'acme-bank.co.uk' }, delaySeconds: 1800, metadata: { team: 'brand' } });
  const running = [];
  for (let index = 0; index < 3; index += 1) running.push(await submit(alice, { type: 'diagnostics.sleep', payload: { durationMs: 120_000, steps: 120 }, metadata: { batch: 'nightly' } }));
  await submit(mintToken({ sub: 'bob', org: 'acme' }), { type: 'text.indicators', payload: { text: 'bob saw 192.0.2.99' }, metadata: { team: 'red' } });

  const light = await openSignedIn(browser, stack, alice);
  await light.page.locator('tr[data-job-id]').nth(10).waitFor();
  await light.page.waitForTimeout(2500);
  await shoot(light.page, 'jobs');
  await light.page.goto(`/dashboard/jobs/${indicators[0]}`);
  await light.page.locator('table.indicators-table').waitFor();
  await shoot(light.page, 'job-indicators', true);
  await light.page.goto(`/dashboard/jobs/${sample}`);
  await light.page.locator('.entropy-chart canvas').waitFor();
  // The report is long: the part around the entropy chart.
  await light.page.locator('.entropy-chart').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shoot(light.page, 'job-sample');
  await light.page.goto(`/dashboard/jobs/${running[0]}`);
  await light.page.locator('.job-progress progress').waitFor();
  await shoot(light.page, 'job-running');
  await light.page.goto('/dashboard/submit?type=domain.similar');
  await light.page.getByRole('button', { name: 'Submit job' }).waitFor();
  await shoot(light.page, 'submit');
  await light.page.goto('/dashboard/overview?range=1h');
  await light.page.locator('figure.chart canvas').nth(1).waitFor();
  await shoot(light.page, 'overview', true);
  await light.close();

  const dark = await openSignedIn(browser, stack, alice, { colorScheme: 'dark' });
  await dark.page.locator('tr[data-job-id]').nth(10).waitFor();
  await shoot(dark.page, 'jobs-dark');
  await dark.close();

  const phone = await openSignedIn(browser, stack, alice, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await phone.page.locator('tr[data-job-id]').first().waitFor();
  await shoot(phone.page, 'jobs-phone');
  await phone.close();

  const asAdmin = await openSignedIn(browser, stack, admin, { path: 'admin' });
  const { page } = asAdmin;
  await page.getByRole('table', { name: 'Pending and processing jobs per type' }).waitFor();
  const cut = await page.evaluate(() => {
    const date = new Date(Date.now() + 60_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  });
  await page.getByLabel('Created before (local time)').fill(cut);
  await page.getByRole('button', { name: 'Count matching jobs (dry run)' }).click();
  await page.getByRole('status').getByText(/would be deleted/).waitFor();
  await shoot(page, 'admin');
  await asAdmin.close();
});

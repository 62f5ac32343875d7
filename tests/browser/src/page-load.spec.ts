import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { newDashboardPage } from './support/dashboard.js';

/**
 * What a first visit to the jobs page costs: the bytes on the wire (compressed, as served) of the
 * page and everything it loads before the table shows. The budget catches a dependency that would
 * bloat every page load; the figures are printed for the record, never asserted as times.
 */
const FIRST_LOAD_BUDGET_BYTES = 80 * 1024;

describe('a first visit to the jobs page', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ workers: 0 }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  it('ships a small bundle and no script from anywhere but the API', async () => {
    const sub = uniqueSubject('first-visit');
    const token = mintToken({ sub });
    await stack.client.withToken(token).post('/v1/jobs', { type: 'text.indicators', payload: { text: 'see 203.0.113.7' }, delaySeconds: 3600 });

    const dashboard = await newDashboardPage(browser, stack);
    const { page } = dashboard;
    const cdp = await dashboard.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const transferred = new Map<string, { url: string; bytes: number }>();
    const urls = new Map<string, string>();
    cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
    cdp.on('Network.loadingFinished', (event) => {
      const url = urls.get(event.requestId);
      if (url) transferred.set(event.requestId, { url, bytes: event.encodedDataLength });
    });

    await page.goto(`/dashboard/#token=${token}`);
    // Rows of jobs, not the placeholders drawn while the first page loads.
    await page.locator('tbody tr[data-job-id]').first().waitFor();
    const firstRowAt = await page.evaluate(() => performance.now());

    const files = [...transferred.values()].filter((file) => file.url.includes('/dashboard/'));
    const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
    console.log(
      `first visit to the jobs page: ${files.length} dashboard files, ${(bytes / 1024).toFixed(1)} KiB on the wire; ` +
        `first row shown ${Math.round(firstRowAt)} ms after navigation start\n` +
        files.map((file) => `  ${(file.bytes / 1024).toFixed(1).padStart(6)} KiB  ${new URL(file.url).pathname}`).join('\n'),
    );
    expect(bytes).toBeLessThan(FIRST_LOAD_BUDGET_BYTES);
    // data: URLs are the browser's own (Chromium draws the date inputs' calendar icon from one).
    for (const file of transferred.values()) if (!file.url.startsWith('data:')) expect(new URL(file.url).origin).toBe(stack.api.url);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

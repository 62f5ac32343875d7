import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { newDashboardPage, openSignedIn } from './support/dashboard.js';
import { eventually } from './support/eventually.js';

describe('signing in to the dashboard', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), stack?.stop()]);
  });

  it('signs in with a pasted token, shows who the API says the caller is, and signs out', async () => {
    const sub = uniqueSubject('paste');
    const dashboard = await newDashboardPage(browser, stack);
    const { page } = dashboard;
    await page.goto('/dashboard/');
    await page.getByLabel('Bearer token').fill(`Bearer ${mintToken({ sub, org: 'acme', roles: ['auditor'] }, { expiresIn: '1h' })}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.caller-sub', { hasText: sub }).waitFor();
    expect(await page.locator('.caller').innerText()).toMatch(/org acme[\s\S]*auditor[\s\S]*token expires in 59 min/);
    // The token is kept for the next visit, not put in a cookie.
    await page.reload();
    await page.locator('.caller-sub', { hasText: sub }).waitFor();
    expect(await dashboard.context.cookies()).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Bearer token').waitFor();
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    await page.reload();
    await page.getByLabel('Bearer token').waitFor();
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('takes the token from a sign-in link and removes it from the address bar at once', async () => {
    const sub = uniqueSubject('link');
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub }), { path: 'submit' });
    expect(dashboard.page.url()).toBe(`${stack.api.url}/dashboard/submit`);
    expect(await dashboard.page.evaluate(() => window.history.length)).toBe(2);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('refuses a token the API refuses, saying why with the problem code, and a string that is no token at all', async () => {
    const dashboard = await newDashboardPage(browser, stack);
    const { page } = dashboard;
    await page.goto('/dashboard/');
    await page.getByLabel('Bearer token').fill('not a token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That is not a JSON Web Token').waitFor();

    await page.getByLabel('Bearer token').fill(mintToken({ sub: uniqueSubject() }, { key: 'another-secret-that-is-long-enough-for-hs256' }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The API refused the token' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('401 UNAUTHORIZED');
    // The only failed request is the refused check itself.
    expect(dashboard.problems.filter((problem) => !problem.includes('401'))).toEqual([]);
    await dashboard.close();
  });

  it('returns to sign-in when the token expires during the session', async () => {
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub: uniqueSubject('expiring') }, { expiresIn: 3 }));
    const { page } = dashboard;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await page.reload();
    await page.getByLabel('Bearer token').waitFor();
    await page.getByRole('alert').filter({ hasText: '401' }).waitFor();
    await dashboard.close();
  });

  it('shows a banner while the network is lost and recovers without a reload', async () => {
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub: uniqueSubject('offline') }));
    const { page, context } = dashboard;
    await context.setOffline(true);
    await page.getByText('The API cannot be reached').waitFor();
    await context.setOffline(false);
    await eventually(async () => expect(await page.getByText('The API cannot be reached').count()).toBe(0));
    await dashboard.close();
  });

  it('marks the current page in the header, and offers an admin the view switch only on the pages it changes', async () => {
    const dashboard = await openSignedIn(browser, stack, mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }));
    const { page } = dashboard;
    const current = () => page.locator('nav[aria-label="Main"] a[aria-current="page"]').allInnerTexts();
    expect(await current()).toEqual(['Jobs']);
    expect(await page.getByLabel('Showing').count()).toBe(1);
    for (const [link, switchShown] of [['Submit', false], ['Overview', true], ['Admin', false]] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await eventually(async () => expect(await current()).toEqual([link]));
      expect({ link, switchShown: (await page.getByLabel('Showing').count()) === 1 }).toEqual({ link, switchShown });
    }
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });

  it('sends a browser that opens the API root to the dashboard, with long-cached hashed assets and no inline script', async () => {
    const dashboard = await newDashboardPage(browser, stack);
    const { page } = dashboard;
    const assets: { url: string; cacheControl: string | undefined }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/dashboard/assets/')) assets.push({ url: response.url(), cacheControl: response.headers()['cache-control'] });
    });
    await page.goto('/');
    expect(page.url()).toBe(`${stack.api.url}/dashboard/`);
    await page.getByLabel('Bearer token').waitFor();
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asset.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();
  });
});

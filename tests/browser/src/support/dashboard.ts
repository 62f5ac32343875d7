import type { TestStack } from '@jobs/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface DashboardPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed requests seen so far (CSP violations are console errors). */
  problems: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A page below /dashboard/, e.g. `jobs/<id>` or `?status=FAILED`. */
  path?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/** A new browser context (its own storage) on the dashboard of `stack`, not signed in yet. */
export async function newDashboardPage(browser: Browser, stack: TestStack, options: OpenOptions = {}): Promise<DashboardPage> {
  const context = await browser.newContext({
    baseURL: stack.api.url,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, context, problems, close: () => context.close() };
}

/** Opens the dashboard through a sign-in link (`#token=`), as `jobs dashboard` prints it, and waits until it shows the caller. */
export async function openSignedIn(browser: Browser, stack: TestStack, token: string, options: OpenOptions = {}): Promise<DashboardPage> {
  const dashboard = await newDashboardPage(browser, stack, options);
  await dashboard.page.goto(`/dashboard/${options.path ?? ''}#token=${token}`);
  await dashboard.page.locator('.caller-sub').waitFor();
  return dashboard;
}

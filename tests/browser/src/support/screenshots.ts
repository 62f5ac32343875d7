import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where screenshots go: `SCREENSHOTS_DIR`, or a folder in the system's temporary directory. */
export const SCREENSHOTS_DIR = process.env['SCREENSHOTS_DIR'] ?? join(tmpdir(), 'dashboard-screenshots');

/** A full-page screenshot named `<name>.png`, for checking layout and contrast by eye; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

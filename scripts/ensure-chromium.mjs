// The dashboard's browser tests drive Debian's Chromium through playwright-core (browser downloads
// are not possible everywhere this runs). CHROMIUM_PATH names another Chromium or Chrome build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackage } from './debian-package.mjs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const works = () => existsSync(path) && spawnSync(path, ['--version'], { stdio: 'ignore' }).status === 0;

if (process.env.CHROMIUM_PATH && !works()) {
  console.error(`CHROMIUM_PATH names ${path}, which does not run.`);
  process.exit(1);
}
ensureDebianPackage({
  pkg: 'chromium',
  works,
  missing: "Chromium is needed for the dashboard's browser tests: install Debian's `chromium` package, or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  purpose: "for the dashboard's browser tests",
});

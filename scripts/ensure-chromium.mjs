// The dashboard's browser tests drive Debian's Chromium through playwright-core (browser downloads
// are not possible everywhere this runs). Where it is missing, this installs Debian's package when it
// can (root with apt-get, as in CI), and otherwise says what to install. CHROMIUM_PATH names another build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const works = () => existsSync(path) && spawnSync(path, ['--version'], { stdio: 'ignore' }).status === 0;

if (works()) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH names ${path}, which does not run.`);
  process.exit(1);
}
const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (!canInstall) {
  console.error("Chromium is needed for the dashboard's browser tests: install Debian's `chromium` package, or set CHROMIUM_PATH to a Chromium or Chrome binary.");
  process.exit(1);
}
console.log("[test] installing Debian's chromium for the dashboard's browser tests…");
const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
spawnSync('apt-get', ['update'], quiet);
const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], quiet);
if (install.status !== 0 || !works()) {
  console.error('installing chromium failed');
  process.exit(1);
}

// What the test command needs from Debian and cannot get from npm (a Compose binary, a browser):
// installed when the command runs as root with apt-get (as CI does), otherwise named for the user.
import { spawnSync } from 'node:child_process';

/**
 * Exits 0 when `works()` already, installs Debian's `pkg` when it can and it then works, and otherwise
 * exits 1 after saying what to install (`missing`) or that the install failed.
 */
export function ensureDebianPackage({ pkg, works, missing, purpose }) {
  if (works()) return;
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    console.error(missing);
    process.exit(1);
  }
  console.log(`[test] installing Debian's ${pkg} ${purpose}…`);
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  spawnSync('apt-get', ['update'], quiet);
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], quiet);
  if (install.status !== 0 || !works()) {
    console.error(`installing ${pkg} failed`);
    process.exit(1);
  }
}

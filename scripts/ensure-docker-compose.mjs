// The test command validates docker-compose.yml offline with `docker-compose config`, which needs
// Compose but no Docker engine. Where neither Debian's docker-compose nor the Docker CLI's compose
// plugin is installed, this installs Debian's package when it can (root with apt-get, as in CI),
// and otherwise says what to install.
import { spawnSync } from 'node:child_process';

const works = (command, args) => spawnSync(command, [...args, 'version'], { stdio: 'ignore' }).status === 0;

if (works('docker-compose', []) || works('docker', ['compose'])) process.exit(0);

const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (!canInstall) {
  console.error('docker-compose is needed to validate docker-compose.yml: install Debian\'s `docker-compose` package or the Docker compose plugin.');
  process.exit(1);
}
console.log('[test] installing Debian\'s docker-compose to validate docker-compose.yml…');
const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
spawnSync('apt-get', ['update'], quiet);
const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'docker-compose'], quiet);
if (install.status !== 0 || !works('docker-compose', [])) {
  console.error('installing docker-compose failed');
  process.exit(1);
}

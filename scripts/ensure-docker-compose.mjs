// The test command validates docker-compose.yml offline with `docker-compose config`, which needs
// Compose but no Docker engine: Debian's docker-compose or the Docker CLI's compose plugin.
import { spawnSync } from 'node:child_process';
import { ensureDebianPackage } from './debian-package.mjs';

const works = (command, args) => spawnSync(command, [...args, 'version'], { stdio: 'ignore' }).status === 0;

ensureDebianPackage({
  pkg: 'docker-compose',
  works: () => works('docker-compose', []) || works('docker', ['compose']),
  missing: "docker-compose is needed to validate docker-compose.yml: install Debian's `docker-compose` package or the Docker compose plugin.",
  purpose: 'to validate docker-compose.yml',
});

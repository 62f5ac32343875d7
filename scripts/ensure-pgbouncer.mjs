// The e2e suite runs the platform through a transaction-pooling PgBouncer (tests/e2e/src/pgbouncer.spec.ts).
import { spawnSync } from 'node:child_process';
import { ensureDebianPackage } from './debian-package.mjs';

// Debian installs it outside PATH's usual directories for ordinary users.
const works = () => ['pgbouncer', '/usr/sbin/pgbouncer'].some((command) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0);

ensureDebianPackage({
  pkg: 'pgbouncer',
  works,
  missing: "pgbouncer is needed by the e2e suite's connection-pooler spec: install Debian's `pgbouncer` package.",
  purpose: 'for the connection-pooler spec',
});

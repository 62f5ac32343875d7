import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@jobs/dev-postgres';
import { type ManagedProcess, sleep, spawnCommand } from './processes.js';
import pg from 'pg';

/** Debian installs it in /usr/sbin, outside an ordinary user's PATH (scripts/ensure-pgbouncer.mjs installs it). */
const BINARY = existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : 'pgbouncer';
const START_TIMEOUT_MS = 30_000;

export interface PgBouncerOptions {
  /** Any URL of the PostgreSQL server to pool: its host, port and user are used; every database is served. */
  serverUrl: string;
  /** Server connections per database and user: fewer than the apps' pools, so clients share them. */
  poolSize: number;
}

/**
 * Debian's PgBouncer in `pool_mode = transaction` in front of a PostgreSQL server, started for a
 * test on a free port: a server connection is a client's for one transaction only, as behind the
 * poolers managed PostgreSQL offers. Its admin console (database `pgbouncer`) shows the pools.
 */
export class PgBouncer {
  private constructor(
    private readonly folder: string,
    private readonly process: ManagedProcess,
    readonly port: number,
    private readonly user: string,
  ) {}

  static async start(options: PgBouncerOptions): Promise<PgBouncer> {
    if (spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status !== 0) {
      throw new Error("pgbouncer is not installed: install Debian's pgbouncer package (`node scripts/ensure-pgbouncer.mjs` does as root)");
    }
    const server = new URL(options.serverUrl);
    const user = decodeURIComponent(server.username) || 'postgres';
    const folder = await mkdtemp(join(tmpdir(), 'jobs-pgbouncer-'));
    const port = await freePort();
    const ini = [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize}`,
      'max_client_conn = 1000',
      // Clients are not checked; the server is logged into with the user's password from the list
      // (the embedded test server asks for it, the system one trusts local connections).
      'auth_type = trust',
      `auth_file = ${join(folder, 'userlist.txt')}`,
      `admin_users = ${user}`,
    ].join('\n');
    await writeFile(join(folder, 'pgbouncer.ini'), `${ini}\n`);
    const password = decodeURIComponent(server.password).replaceAll('"', '""');
    await writeFile(join(folder, 'userlist.txt'), `"${user}" "${password}"\n`);
    // PgBouncer refuses to run as root: it then runs as postgres, which must read its files.
    await Promise.all([chmod(folder, 0o755), chmod(join(folder, 'pgbouncer.ini'), 0o644), chmod(join(folder, 'userlist.txt'), 0o644)]);
    const asUser = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
    const bouncer = new PgBouncer(folder, spawnCommand('pgbouncer', BINARY, [...asUser, join(folder, 'pgbouncer.ini')], {}), port, user);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (!bouncer.process.isRunning) throw new Error(`pgbouncer exited during start:\n${bouncer.process.logs()}`);
      const ready = await bouncer.admin('SHOW VERSION').then(
        () => true,
        () => false,
      );
      if (ready) return bouncer;
      if (Date.now() > deadline) {
        await bouncer.stop();
        throw new Error(`pgbouncer did not accept connections:\n${bouncer.process.logs()}`);
      }
      await sleep(100);
    }
  }

  /** `url` (a database of the pooled server) as reached through the pooler. */
  urlFor(url: string): string {
    const pooled = new URL(url);
    pooled.hostname = '127.0.0.1';
    pooled.port = String(this.port);
    return pooled.toString();
  }

  /** Rows of an admin console command (`SHOW POOLS`, `SHOW SERVERS`, …); simple protocol only. */
  async admin<Row extends Record<string, unknown>>(command: string): Promise<Row[]> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: this.user, database: 'pgbouncer' });
    await client.connect();
    try {
      return (await client.query<Row>(command)).rows;
    } finally {
      await client.end();
    }
  }

  logs(): string {
    return this.process.logs();
  }

  async stop(): Promise<void> {
    await this.process.stop();
    await rm(this.folder, { recursive: true, force: true });
  }
}

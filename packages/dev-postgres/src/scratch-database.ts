import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** Set by {@link startTestPostgres}: the server's maintenance database, where scratch databases are made. */
const ADMIN_URL_VARIABLE = 'TEST_POSTGRES_ADMIN_URL';

export interface TestPostgres {
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server a test run uses: the one `DATABASE_URL` names, or else a fresh embedded
 * cluster in a temporary folder, removed again on stop. Meant for Jest's global setup.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const configured = process.env['DATABASE_URL'];
  let server: TestPostgres;
  if (configured) {
    const adminUrl = new URL(configured);
    adminUrl.pathname = '/postgres';
    server = { adminUrl: adminUrl.toString(), stop: async () => undefined };
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'jobs-test-postgres-'));
    const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', persistent: false });
    server = { adminUrl: running.adminUrl, stop: running.stop };
  }
  process.env[ADMIN_URL_VARIABLE] = server.adminUrl;
  return server;
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /**
   * Run on the new database before it is handed out, e.g. to apply the migrations:
   * `(url) => migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR })` from `@jobs/database`.
   */
  prepare?: (url: string) => Promise<unknown>;
}

/** A new, empty database with a unique name on the test server, made ready by `prepare` if given. */
export async function createScratchDatabase(options: ScratchDatabaseOptions = {}): Promise<ScratchDatabase> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  if (!adminUrl) throw new Error(`${ADMIN_URL_VARIABLE} is not set: run tests with the startTestPostgres global setup`);
  const name = `jobs_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await options.prepare?.(url.toString());
  return {
    name,
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

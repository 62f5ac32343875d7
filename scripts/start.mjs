// Runs the whole platform in one command: PostgreSQL (embedded unless DATABASE_URL is set),
// migrations, the API and the workers. Ctrl-C stops everything gracefully.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_DIR, migrate } from '@jobs/database';
import { startEmbeddedPostgres } from '@jobs/dev-postgres';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message) => console.log(`[start] ${message}`);

let databaseUrl = process.env.DATABASE_URL;
let embedded;
if (!databaseUrl) {
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  try {
    embedded = await startEmbeddedPostgres({ dataDir: `${root}.data/postgres`, port, database: 'jobs', log });
  } catch (error) {
    // One line that says what went wrong, not a stack trace.
    console.error(`[start] cannot start the embedded PostgreSQL: ${error.message} (or set DATABASE_URL to a PostgreSQL server)`);
    process.exit(1);
  }
  databaseUrl = embedded.url;
  log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${embedded.dataDir})`);
}
// The migration runner holds a session lock: straight to PostgreSQL when DATABASE_URL names a pooler.
await migrate({ connectionString: process.env.DATABASE_DIRECT_URL || databaseUrl, migrationsDir: MIGRATIONS_DIR, log });

const env = { ...process.env, DATABASE_URL: databaseUrl };
const workers = Number(process.env.WORKERS ?? 1);
const children = [
  spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env, stdio: 'inherit' }),
  ...Array.from({ length: workers }, () => spawn(process.execPath, ['apps/worker/dist/main.js'], { cwd: root, env, stdio: 'inherit' })),
];

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? undefined
        : new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
    ),
  );
  await embedded?.stop();
  process.exit(code);
}

for (const child of children) {
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`a process exited (${signal ?? code}); stopping the rest`);
      void stop(code || 1);
    }
  });
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

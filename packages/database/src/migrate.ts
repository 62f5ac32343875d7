import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/** The key Prisma's schema engine locks on, so our runner and `prisma migrate deploy` exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrateOptions {
  connectionString: string;
  migrationsDir: string;
  log?: (message: string) => void;
}

export interface MigrateOutcome {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

interface AppliedMigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/** Prisma accepts a script whose line endings changed (a Windows checkout), and so do we. */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const unix = script.replace(/\r\n/g, '\n');
  const variants = [script, unix, unix.replace(/\n/g, '\r\n')];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const script = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8').catch(() => null);
    if (script !== null) migrations.push({ name, script, checksum: migrationChecksum(script) });
  }
  return migrations;
}

/**
 * Applies pending Prisma-format migrations with Prisma's own bookkeeping (`_prisma_migrations`),
 * each in its own transaction, under Prisma's advisory lock. Refuses to run when an applied
 * migration's file was edited or a previous `prisma migrate deploy` left a failed migration.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateOutcome> {
  const log = options.log ?? (() => undefined);
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedMigrationRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const applied = checkHistory(rows, migrations, options);
      const outcome: MigrateOutcome = { applied: [], alreadyApplied: [...applied] };
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        await applyMigration(client, migration);
        log(`applied migration ${migration.name}`);
        outcome.applied.push(migration.name);
      }
      return outcome;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

function checkHistory(
  rows: AppliedMigrationRow[],
  migrations: MigrationFile[],
  options: MigrateOptions,
): Set<string> {
  const log = options.log ?? (() => undefined);
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  const applied = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but never finished (a failed \`prisma migrate deploy\`). ` +
          'Repair the database, then mark it with `prisma migrate resolve` before migrating again.',
      );
    }
    const file = files.get(row.migration_name);
    if (!file) {
      log(`warning: migration ${row.migration_name} is applied in the database but missing from ${options.migrationsDir}`);
    } else if (!scriptMatchesChecksum(file.script, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the ` +
          `database, ${file.checksum} on disk). Restore the original file and put changes in a new migration.`,
      );
    }
    applied.add(row.migration_name);
  }
  return applied;
}

async function applyMigration(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}

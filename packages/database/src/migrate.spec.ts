import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createScratchDatabase, type ScratchDatabase } from '@jobs/dev-postgres';
import pg from 'pg';
import { MigrationError, migrate, migrationChecksum, readMigrations, scriptMatchesChecksum } from './migrate.js';
import { MIGRATIONS_DIR } from './paths.js';

const databases: ScratchDatabase[] = [];

async function scratch(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  databases.push(database);
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

describe('migrate', () => {
  it('applies every migration to a fresh database with Prisma-compatible bookkeeping', async () => {
    const database = await scratch();
    const files = await readMigrations(MIGRATIONS_DIR);
    const outcome = await migrate({ connectionString: database.url, migrationsDir: MIGRATIONS_DIR });

    expect(outcome.applied).toEqual(files.map((file) => file.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      database.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [index, row] of rows.entries()) {
      const script = await readFile(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'), 'utf8');
      expect(row.checksum).toBe(migrationChecksum(script));
      expect(row.checksum).toBe(files[index]?.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    const columns = await query<{ column_name: string; data_type: string }>(
      database.url,
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((column) => `${column.column_name}:${column.data_type}`)).toEqual([
      'id:character varying',
      'checksum:character varying',
      'finished_at:timestamp with time zone',
      'migration_name:character varying',
      'logs:text',
      'rolled_back_at:timestamp with time zone',
      'started_at:timestamp with time zone',
      'applied_steps_count:integer',
    ]);
  });

  it('does nothing when run again', async () => {
    const database = await scratch();
    await migrate({ connectionString: database.url, migrationsDir: MIGRATIONS_DIR });
    const before = await query(database.url, 'SELECT id, started_at FROM "_prisma_migrations" ORDER BY id');

    const outcome = await migrate({ connectionString: database.url, migrationsDir: MIGRATIONS_DIR });

    expect(outcome.applied).toEqual([]);
    expect(outcome.alreadyApplied.length).toBe(before.length);
    expect(await query(database.url, 'SELECT id, started_at FROM "_prisma_migrations" ORDER BY id')).toEqual(before);
  });

  it('refuses to continue when an applied migration was edited, and applies nothing newer', async () => {
    const database = await scratch();
    const dir = await copyOfMigrations();
    await migrate({ connectionString: database.url, migrationsDir: dir });
    const [first] = await readMigrations(dir);
    if (!first) throw new Error('no migrations');
    await writeFile(join(dir, first.name, 'migration.sql'), `${first.script}\nCREATE TABLE sneaky (id int);\n`);
    await mkdir(join(dir, '29990101000000_later'));
    await writeFile(join(dir, '29990101000000_later', 'migration.sql'), 'CREATE TABLE later (id int);');

    const attempt = migrate({ connectionString: database.url, migrationsDir: dir });

    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(`Migration ${first.name} was modified after it was applied`);
    const tables = await query<{ table_name: string }>(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('sneaky', 'later')`,
    );
    expect(tables).toEqual([]);
  });

  it('accepts a migration whose only change is its line endings, as Prisma does', async () => {
    const script = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n';
    expect(scriptMatchesChecksum(script.replace(/\n/g, '\r\n'), migrationChecksum(script))).toBe(true);
    expect(scriptMatchesChecksum(script, migrationChecksum(script.replace(/\n/g, '\r\n')))).toBe(true);
    expect(scriptMatchesChecksum(`${script} `, migrationChecksum(script))).toBe(false);
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const database = await scratch();
    const dir = await copyOfMigrations();
    await mkdir(join(dir, '29990101000000_broken'));
    await writeFile(join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_column FROM half_done;\n');

    await expect(migrate({ connectionString: database.url, migrationsDir: dir })).rejects.toThrow(
      /Migration 29990101000000_broken failed and was rolled back: column "no_such_column" does not exist/,
    );
    expect(await query(database.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`)).toEqual([]);
    const names = await query<{ migration_name: string }>(database.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(names.map((row) => row.migration_name)).not.toContain('29990101000000_broken');
    expect(names.length).toBe((await readMigrations(MIGRATIONS_DIR)).length);
  });

  it('refuses to run over a migration that Prisma started and never finished', async () => {
    const database = await scratch();
    await migrate({ connectionString: database.url, migrationsDir: MIGRATIONS_DIR });
    await query(
      database.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES ('f0000000-0000-4000-8000-000000000000', 'x', '29990101000000_failed', 'boom')`,
    );

    await expect(migrate({ connectionString: database.url, migrationsDir: MIGRATIONS_DIR })).rejects.toThrow(
      'Migration 29990101000000_failed started but never finished',
    );
  });

  it('lets concurrent runners race safely: each migration is applied exactly once', async () => {
    const database = await scratch();
    const runners = Array.from({ length: 6 }, () => migrate({ connectionString: database.url, migrationsDir: MIGRATIONS_DIR }));

    const outcomes = await Promise.all(runners);

    const files = await readMigrations(MIGRATIONS_DIR);
    expect(outcomes.flatMap((outcome) => outcome.applied).sort()).toEqual(files.map((file) => file.name).sort());
    const rows = await query<{ migration_name: string }>(database.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.length).toBe(files.length);
  });
});

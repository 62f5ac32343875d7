import { databaseUrlFromEnvironment, directDatabaseUrlFromEnvironment, VariableError } from './environment-variables.js';
import { MigrationError, migrate } from './migrate.js';
import { MIGRATIONS_DIR } from './paths.js';

const USAGE = 'usage: jobs-db migrate   (needs DATABASE_URL, DATABASE_URL_FILE, or PGHOST, PGUSER, PGPASSWORD and PGDATABASE; DATABASE_DIRECT_URL first when set)';

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'migrate') {
    console.error(USAGE);
    return 2;
  }
  let connectionString: string | undefined;
  try {
    // The runner holds a session advisory lock across its transactions: straight to PostgreSQL when a pooler is in front.
    connectionString = directDatabaseUrlFromEnvironment(process.env) ?? databaseUrlFromEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof VariableError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (!connectionString) {
    console.error('DATABASE_URL is not set: name the database to migrate, e.g. postgresql://user:pass@host:5432/jobs (or set DATABASE_URL_FILE, or PGHOST, PGUSER, PGPASSWORD and PGDATABASE)');
    return 2;
  }
  const outcome = await migrate({ connectionString, migrationsDir: MIGRATIONS_DIR, log: (line) => console.log(line) });
  console.log(
    outcome.applied.length === 0
      ? `database is up to date (${outcome.alreadyApplied.length} migrations applied)`
      : `applied ${outcome.applied.length} migration(s)`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line for what a person can fix (a refused migration, an unreachable or refusing server).
    console.error(error instanceof MigrationError ? error.message : `migration failed: ${describe(error)}`);
    process.exit(1);
  },
);

/** A connection failure to several addresses is an AggregateError without a message of its own. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = error instanceof AggregateError ? (error.errors[0] as unknown) : undefined;
  return error.message || (first instanceof Error ? first.message : '') || String((error as { code?: unknown }).code ?? error.name);
}

import { MigrationError, migrate } from './migrate.js';
import { MIGRATIONS_DIR } from './paths.js';

const USAGE = 'usage: jobs-db migrate   (needs DATABASE_URL)';

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'migrate') {
    console.error(USAGE);
    return 2;
  }
  const connectionString = process.env['DATABASE_URL'];
  if (!connectionString) {
    console.error('DATABASE_URL is not set: name the database to migrate, e.g. postgresql://user:pass@host:5432/jobs');
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
    console.error(error instanceof MigrationError ? error.message : error);
    process.exit(1);
  },
);

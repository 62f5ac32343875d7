import { MIGRATIONS_DIR, migrate } from '@jobs/database';
import { createScratchDatabase, type ScratchDatabase } from '@jobs/dev-postgres';

/** A new scratch database on the test server with our migrations applied. */
export function createMigratedDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase({ prepare: (url) => migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR }) });
}

// A real PostgreSQL for development and tests: the embedded server `pnpm start` runs, the server a
// test run uses (Jest global setups), scratch databases. A development dependency only: the API and
// the workers never import it, and no production image holds it.
export { createDatabaseIfMissing, startEmbeddedPostgres } from './embedded-postgres.js';
export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded-postgres.js';
export { createScratchDatabase, freePort, startTestPostgres } from './scratch-database.js';
export type { ScratchDatabase, ScratchDatabaseOptions, TestPostgres } from './scratch-database.js';

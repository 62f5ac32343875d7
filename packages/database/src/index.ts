export { DatabaseModule } from './database.module.js';
export { PrismaService, type DatabaseOptions } from './prisma.service.js';
export { migrate, readMigrations, migrationChecksum, scriptMatchesChecksum, MigrationError } from './migrate.js';
export type { MigrateOptions, MigrateOutcome, MigrationFile } from './migrate.js';
export { startEmbeddedPostgres, createDatabaseIfMissing } from './embedded-postgres.js';
export type { EmbeddedPostgresOptions, RunningPostgres } from './embedded-postgres.js';
export { MIGRATIONS_DIR, SCHEMA_PATH } from './paths.js';
export { Prisma, PrismaClient } from './generated/prisma/client.js';
export type { Job, Result } from './generated/prisma/client.js';
export { JobStatus } from './generated/prisma/enums.js';

import type { Prisma } from './generated/prisma/client.js';
/** The client handed to `prisma.$transaction(async (tx) => …)` callbacks. */
export type TransactionClient = Prisma.TransactionClient;
export { createScratchDatabase, freePort, startTestPostgres } from './scratch-database.js';
export type { ScratchDatabase, TestPostgres } from './scratch-database.js';

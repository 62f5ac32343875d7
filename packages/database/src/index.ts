import type { Prisma } from './generated/prisma/client.js';

export { DatabaseModule } from './database.module.js';
export { PrismaService, type DatabaseOptions } from './prisma.service.js';
export { poolerInFront, sessionUrl, type ConnectionUrls } from './connection-urls.js';
export { MigrationError, migrate, migrationChecksum, readMigrations, scriptMatchesChecksum } from './migrate.js';
export type { MigrateOptions, MigrateOutcome, MigrationFile } from './migrate.js';
export { MIGRATIONS_DIR, SCHEMA_PATH } from './paths.js';
export { Prisma } from './generated/prisma/client.js';
export type { Job, Result } from './generated/prisma/client.js';
export { JobStatus } from './generated/prisma/enums.js';

/** The client handed to `prisma.$transaction(async (tx) => …)` callbacks. */
export type TransactionClient = Prisma.TransactionClient;
export { NotificationListener, type NotificationListenerOptions } from './notification-listener.js';
export { databaseErrorMatches } from './database-error.js';
export { connectionStringProblem, databaseUrlFromEnvironment, directDatabaseUrlFromEnvironment, readVariable, VariableError, type Variables } from './environment-variables.js';

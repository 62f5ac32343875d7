import { chmod, lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where a root process keeps what the server's account must reach when the repository cannot be
 * reached by it (a clone in root's home or a `mktemp -d` folder is mode 700): a copy of the binaries
 * and, if needed, the cluster. Root-owned and not writable by others, so nobody can plant files here.
 */
const ROOT_STATE_DIR = '/var/lib/jobs-platform/embedded-postgres';

export async function rootStateFolder(name: string): Promise<string> {
  await mkdir(ROOT_STATE_DIR, { recursive: true });
  for (const folder of ['/var/lib/jobs-platform', ROOT_STATE_DIR]) {
    const info = await lstat(folder);
    if (!info.isDirectory() || info.uid !== 0) throw new Error(`${folder} must be a folder owned by root: remove it and start again`);
    await chmod(folder, 0o755);
  }
  return join(ROOT_STATE_DIR, name);
}

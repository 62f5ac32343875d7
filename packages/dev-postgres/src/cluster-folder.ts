import { createHash } from 'node:crypto';
import { chown, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { rootStateFolder } from './root-state.js';
import { canReach, nearestExisting, type ServerAccount } from './server-account.js';

/**
 * The folder the cluster lives in: `requested`, made if missing (every folder made belongs to the
 * server's account, so that account — or the user who owns the repository — can delete it later),
 * unless the server's account cannot reach it; then a folder of the root state that stands for it.
 */
export async function clusterFolder(requested: string, account: ServerAccount | undefined, log?: (message: string) => void): Promise<string> {
  if (!account) {
    await mkdir(requested, { recursive: true });
    const owner = (await stat(requested)).uid;
    if (owner !== process.getuid?.()) {
      throw new Error(`${requested} belongs to another user (uid ${owner}), probably from a run as root: delete it (sudo rm -rf ${requested}) or run as that user`);
    }
    return requested;
  }
  if (canReach(account, await nearestExisting(dirname(requested)))) {
    await makeOwnedFolders(requested, account);
    return requested;
  }
  const standIn = await rootStateFolder(`cluster-${createHash('sha256').update(requested).digest('hex').slice(0, 16)}`);
  await makeOwnedFolders(standIn, account);
  log?.(`PostgreSQL runs as ${account.name}, who cannot reach ${requested} (a folder only root can enter): its cluster is kept in ${standIn}`);
  return standIn;
}

async function makeOwnedFolders(folder: string, account: ServerAccount): Promise<void> {
  const firstMade = await mkdir(folder, { recursive: true });
  // The folders just made, and the cluster folder itself (it may have been made empty by the caller).
  const owned = new Set([folder]);
  if (firstMade) for (let current = folder; current.length >= firstMade.length; current = dirname(current)) owned.add(current);
  for (const path of owned) await chown(path, account.uid, account.gid);
}

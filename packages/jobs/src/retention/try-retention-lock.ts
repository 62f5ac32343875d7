import type { TransactionClient } from '@jobs/database';

/** The advisory lock retention runs under (an arbitrary constant: "retn"). */
const RETENTION_LOCK_KEY = 0x7265_746e;

/**
 * Takes the retention lock for the rest of the transaction, if no other session holds it: true when
 * taken. PostgreSQL releases it at commit, at rollback, and when the holder's connection dies.
 */
export async function tryRetentionLock(tx: TransactionClient): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK_KEY}) AS locked`;
  return row?.locked ?? false;
}

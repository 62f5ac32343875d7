import type { TransactionClient } from '@jobs/database';
import { DEAD_WORKER_SQL } from './dead-worker.js';

/** The registered workers that are dead (DEAD_WORKER_SQL): a read of the small `workers` table, run every second by each worker. */
export async function findDeadWorkers(db: TransactionClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT w.id::text FROM workers w WHERE ${DEAD_WORKER_SQL}`;
  return rows.map((row) => row.id);
}

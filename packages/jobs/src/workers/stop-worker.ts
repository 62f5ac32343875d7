import type { TransactionClient } from '@jobs/database';

/** The worker stopped on purpose: no sweep needs to look at it again. */
export async function stopWorker(db: TransactionClient, id: string): Promise<void> {
  await db.$executeRaw`UPDATE workers SET stopped_at = now() WHERE id = ${id}::uuid`;
}

import type { TransactionClient } from '@jobs/database';

/** Which of these jobs are CANCELLED: for cancellations announced while a listener was away. */
export async function findCancelled(db: TransactionClient, ids: readonly string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM jobs WHERE id = ANY(${ids}::uuid[]) AND status = 'CANCELLED'`;
  return rows.map((row) => row.id);
}

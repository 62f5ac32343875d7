import type { TransactionClient } from '@jobs/database';

/** Deletes a schedule; the jobs its firings made stay (they keep its id in `schedule_id`). */
export async function deleteSchedule(tx: TransactionClient, id: string): Promise<number> {
  return tx.$executeRaw`DELETE FROM schedules WHERE id = ${id}::uuid`;
}

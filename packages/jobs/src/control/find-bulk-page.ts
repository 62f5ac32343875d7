import { Prisma, type TransactionClient } from '@jobs/database';

/** Where a bulk change has got to: the last job of the previous batch, in `(created_at, id)` order. */
export interface BulkPosition {
  createdAt: Date;
  id: string;
}

/**
 * The next `limit` jobs matching `condition` after `after`, oldest first: a bulk change walks its
 * jobs once, in this order, so a job that changes back into the filter meanwhile (retried, then
 * failed again) is not taken twice. The order is the scope indexes' own.
 */
export function findBulkPage(db: TransactionClient, condition: Prisma.Sql, after: BulkPosition | null, limit: number): Promise<BulkPosition[]> {
  const keyset = after ? Prisma.sql` AND (created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : Prisma.empty;
  return db.$queryRaw<BulkPosition[]>`
    SELECT created_at AS "createdAt", id FROM jobs
     WHERE ${condition}${keyset}
     ORDER BY created_at, id
     LIMIT ${limit}`;
}

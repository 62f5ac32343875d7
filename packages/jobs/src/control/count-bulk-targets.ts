import type { BulkSkipped } from '@jobs/contracts';
import type { Prisma, TransactionClient } from '@jobs/database';

export interface BulkTargets {
  /** Every job the filters match. */
  matched: number;
  /** Why the others will be left alone, each job counted under the first reason that applies. */
  skipped: BulkSkipped;
  /** The database's clock when counted: jobs created after it are not part of the change. */
  asOf: Date;
}

/**
 * Counts the jobs matching `matching`, and among them those the change will leave alone: not the
 * caller's to change (`changeable`), in a status the transition does not start from (`movable`),
 * or of a type this deployment no longer runs (`runnable`).
 */
export async function countBulkTargets(
  db: TransactionClient,
  conditions: { matching: Prisma.Sql; changeable: Prisma.Sql; movable: Prisma.Sql; runnable: Prisma.Sql },
): Promise<BulkTargets> {
  const { matching, changeable, movable, runnable } = conditions;
  const [row] = await db.$queryRaw<(BulkSkipped & { matched: number; asOf: Date })[]>`
    SELECT count(*)::int AS matched,
           count(*) FILTER (WHERE NOT (${changeable}))::int AS "notOwner",
           count(*) FILTER (WHERE ${changeable} AND NOT (${movable}))::int AS status,
           count(*) FILTER (WHERE ${changeable} AND ${movable} AND NOT (${runnable}))::int AS "unregisteredType",
           now() AS "asOf"
      FROM jobs
     WHERE ${matching}`;
  if (!row) throw new Error('count returned no row');
  const { matched, asOf, ...skipped } = row;
  return { matched, skipped, asOf };
}

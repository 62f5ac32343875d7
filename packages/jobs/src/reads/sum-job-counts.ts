import type { JobStatus } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { type JobScope, scopeBranches } from '../viewer.js';

/** How many jobs of the scope have a type and status (only those with any). */
export interface TypeStatusCount {
  type: string;
  status: JobStatus;
  count: number;
}

/**
 * Jobs by type and status in the scope, summed from the counters the triggers on `jobs` keep
 * (`job_counts`, one row per owner, organisation, type, status and slot), not counted from `jobs`:
 * a few thousand rows for every job there is. The scope's disjoint branches are the same conditions
 * as on `jobs` (`org_id` is '' there for no organisation, distinct from any organisation's name).
 */
export async function sumJobCounts(db: TransactionClient, scope: JobScope): Promise<TypeStatusCount[]> {
  const counters = Prisma.join(
    scopeBranches(scope, { disjoint: true }).map((branch) => Prisma.sql`SELECT type, status, count FROM job_counts WHERE ${branch}`),
    ' UNION ALL ',
  );
  return db.$queryRaw<TypeStatusCount[]>`
    SELECT type, status::text AS status, sum(count)::int AS count FROM (${counters}) AS counters
     GROUP BY type, status HAVING sum(count) > 0`;
}

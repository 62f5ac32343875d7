import type { TransactionClient } from '@jobs/database';
import { type JobFilters, filtersSql } from './job-filters.js';

/** How many jobs match. */
export async function countJobs(db: TransactionClient, filters: JobFilters): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM jobs WHERE ${filtersSql(filters)}`;
  return row?.count ?? 0;
}

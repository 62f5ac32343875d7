import { Prisma, type TransactionClient } from '@jobs/database';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';

const QUEUE_TABLE = Prisma.raw(`"${QUEUE_SCHEMA}".job`);

/**
 * Deletes up to `limit` jobs matching `condition` (on `jobs`), their results (by foreign-key
 * cascade) and their queue entries, in one statement, so no result or queue entry outlives its
 * row. Returns how many jobs went.
 */
export async function deleteJobs(db: TransactionClient, condition: Prisma.Sql, limit: number): Promise<number> {
  const [batch] = await db.$queryRaw<{ deleted: number }[]>`
    WITH doomed AS (
      SELECT id FROM jobs WHERE ${condition} LIMIT ${limit} FOR UPDATE
    ), gone AS (
      DELETE FROM jobs j USING doomed d WHERE j.id = d.id RETURNING j.queue_name, j.queue_job_id
    ), unqueued AS (
      DELETE FROM ${QUEUE_TABLE} q USING gone g WHERE q.name = g.queue_name AND q.id = g.queue_job_id
    )
    SELECT count(*)::int AS deleted FROM gone`;
  return batch?.deleted ?? 0;
}

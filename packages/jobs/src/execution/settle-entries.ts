import { Prisma } from '@jobs/database';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';

/**
 * Settles queue entries of `queue` as done, for an input `i` with each entry's `queue_job_id` and
 * the `retry_count` it was fetched at (`output` stored on each, `only` narrowing the input): pg-boss's own completion
 * (plans.completeJobsWithOutputs in pg-boss 12.35), inlined as a CTE so that an entry settles in
 * the same statement as its job row. Fenced like pg-boss's: only an entry still active under the
 * attempt this worker fetched.
 */
export function settleEntriesSql(queue: string, input: Prisma.Sql, options: { output?: Prisma.Sql; only?: Prisma.Sql } = {}): Prisma.Sql {
  return Prisma.sql`
    UPDATE ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} q
       SET state = 'completed', completed_on = ${Prisma.raw(`"${QUEUE_SCHEMA}".job_now()`)}, output = ${options.output ?? Prisma.sql`NULL::jsonb`}
      FROM ${input}
     WHERE q.name = ${queue} AND q.id = i.queue_job_id AND q.state = 'active' AND q.retry_count = i.retry_count
       AND ${options.only ?? Prisma.sql`TRUE`}`;
}

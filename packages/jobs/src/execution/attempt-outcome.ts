import { AttemptOutcome, JobErrorCode } from '@jobs/contracts';
import { Prisma } from '@jobs/database';

/** The code of a failure that says the attempt's worker went away, not that the job failed. */
export const LOST_WORKER_CODES: readonly string[] = [JobErrorCode.WORKER_LOST, 'ClaimLost'];

/**
 * The outcome of a failed attempt, as SQL over its error code and whether it was the last: a timeout
 * or a lost worker says so whether or not a retry follows; otherwise FAILED for the last, RETRIED.
 */
export function failureOutcomeSql(code: Prisma.Sql, final: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${code} = ${JobErrorCode.TIMEOUT} THEN ${AttemptOutcome.TIMED_OUT}
                         WHEN ${code} = ANY(${LOST_WORKER_CODES}::text[]) THEN ${AttemptOutcome.LOST}
                         WHEN ${final} THEN ${AttemptOutcome.FAILED} ELSE ${AttemptOutcome.RETRIED} END`;
}

/**
 * Closes the open attempt rows of `ended` (a CTE or input with each job's `id`, `queue_job_id` and
 * `attempt`), with `outcome` and the error: the CTE each statement that ends attempts carries, so an
 * attempt is recorded in the statement that ends it.
 */
export function closeAttemptsSql(ended: Prisma.Sql, outcome: Prisma.Sql, error: { code: Prisma.Sql; message: Prisma.Sql } | null = null): Prisma.Sql {
  return Prisma.sql`
    UPDATE job_attempts a
       SET finished_at = now(), outcome = ${outcome}, error_code = ${error?.code ?? Prisma.sql`NULL`}, error_message = ${error?.message ?? Prisma.sql`NULL`}
      FROM ${ended}
     WHERE a.job_id = e.id AND a.queue_job_id = e.queue_job_id AND a.number = e.attempt AND a.outcome IS NULL`;
}

import { AttemptOutcome, type JobStatus } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { closeAttemptsSql } from '../execution/attempt-outcome.js';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';
import { fromStatusSql, toStatusSql } from '../status-transitions.js';

export interface CancelledJob extends JobSummaryRecord {
  /** PENDING or PROCESSING: whether a handler was running it. */
  previousStatus: JobStatus;
}

/**
 * Cancels the pending and running jobs that match `condition` (on `jobs`): the one statement every
 * cancellation goes through. A running job's attempt is closed as CANCELLED in the same statement;
 * its worker hears of it from the trigger's `job_cancellations` notification at commit and aborts
 * the handler; its queue entries are the caller's to cancel in the same transaction. With `limit`,
 * at most that many jobs.
 */
export function cancelJobs(db: TransactionClient, condition: Prisma.Sql, limit?: number): Promise<CancelledJob[]> {
  return db.$queryRaw<CancelledJob[]>`
    WITH target AS (
      SELECT id, status, queue_job_id, attempts AS attempt FROM jobs
       WHERE ${condition} AND ${fromStatusSql('cancel')}${limit === undefined ? Prisma.empty : Prisma.sql` LIMIT ${limit}`} FOR UPDATE
    ), cancelled AS (
      UPDATE jobs j SET status = ${toStatusSql('cancel')}, finished_at = now(), updated_at = clock_timestamp()
        FROM target t
       WHERE j.id = t.id
      RETURNING ${SUMMARY_COLUMNS}, t.status::text AS "previousStatus"
    ), closed AS (${closeAttemptsSql(Prisma.sql`(SELECT * FROM target WHERE status = 'PROCESSING') e`, Prisma.sql`${AttemptOutcome.CANCELLED}`)})
    SELECT * FROM cancelled`;
}

import type { JobStatus } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';
import { fromStatusSql, toStatusSql } from '../status-transitions.js';

export interface CancelledJob extends JobSummaryRecord {
  /** PENDING or PROCESSING: whether a handler was running it. */
  previousStatus: JobStatus;
}

/**
 * Cancels the pending and running jobs that match `condition` (on `jobs`): the one statement every
 * cancellation goes through. A running job's worker hears of it from the trigger's
 * `job_cancellations` notification at commit and aborts the handler; its queue entries are the
 * caller's to cancel in the same transaction. With `limit`, at most that many jobs.
 */
export function cancelJobs(db: TransactionClient, condition: Prisma.Sql, limit?: number): Promise<CancelledJob[]> {
  return db.$queryRaw<CancelledJob[]>`
    WITH target AS (
      SELECT id, status FROM jobs WHERE ${condition} AND ${fromStatusSql('cancel')}${limit === undefined ? Prisma.empty : Prisma.sql` LIMIT ${limit}`} FOR UPDATE
    )
    UPDATE jobs j SET status = ${toStatusSql('cancel')}, finished_at = now(), updated_at = clock_timestamp()
      FROM target t
     WHERE j.id = t.id
    RETURNING ${SUMMARY_COLUMNS}, t.status::text AS "previousStatus"`;
}

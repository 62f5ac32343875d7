import type { Prisma, TransactionClient } from '@jobs/database';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';
import { fromStatusSql, toStatusSql } from '../status-transitions.js';

export interface RetriedJob extends JobSummaryRecord {
  /** The queue entry the job had until now: the caller removes it and queues the new one (`queueJobId`). */
  previousQueueJobId: string;
}

/**
 * Failed or cancelled jobs matching `condition` (on `jobs`), pending again under the same ids: the
 * one statement every retry goes through. Attempts, error, progress, times and webhook bookkeeping
 * are reset, each is runnable now under a new queue entry id, and jobs in no state to be retried
 * are left alone.
 */
export function retryJobs(db: TransactionClient, condition: Prisma.Sql): Promise<RetriedJob[]> {
  return db.$queryRaw<RetriedJob[]>`
    WITH target AS (
      SELECT id, queue_job_id FROM jobs WHERE ${condition} AND ${fromStatusSql('retry')} FOR UPDATE
    )
    UPDATE jobs j
       SET status = ${toStatusSql('retry')}, attempts = 0, error_code = NULL, error_message = NULL, progress = NULL,
           started_at = NULL, finished_at = NULL, run_at = now(), updated_at = clock_timestamp(), queue_job_id = gen_random_uuid(),
           webhook_attempts = 0, webhook_delivered_at = NULL, webhook_error = NULL
      FROM target t
     WHERE j.id = t.id
    RETURNING ${SUMMARY_COLUMNS}, t.queue_job_id AS "previousQueueJobId"`;
}

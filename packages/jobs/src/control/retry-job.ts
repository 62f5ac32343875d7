import { randomUUID } from 'node:crypto';
import type { TransactionClient } from '@jobs/database';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';
import { fromStatusSql, toStatusSql } from '../status-transitions.js';

/**
 * A failed or cancelled job, pending again under the same id: attempts, error, progress, times and
 * webhook bookkeeping reset, runnable now, with a new queue entry id (the caller replaces the entry).
 * Null when the job is in no state to be retried.
 */
export async function retryJob(tx: TransactionClient, id: string): Promise<JobSummaryRecord | null> {
  const [job] = await tx.$queryRaw<JobSummaryRecord[]>`
    UPDATE jobs j
       SET status = ${toStatusSql('retry')}, attempts = 0, error_code = NULL, error_message = NULL, progress = NULL,
           started_at = NULL, finished_at = NULL, run_at = now(), updated_at = clock_timestamp(), queue_job_id = ${randomUUID()}::uuid,
           webhook_attempts = 0, webhook_delivered_at = NULL, webhook_error = NULL
     WHERE j.id = ${id}::uuid AND ${fromStatusSql('retry', 'j.status')}
    RETURNING ${SUMMARY_COLUMNS}`;
  return job ?? null;
}

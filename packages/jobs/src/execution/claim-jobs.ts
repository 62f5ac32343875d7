import { AttemptOutcome, JobErrorCode } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { fromStatusFilterSql, toStatusSql } from '../status-transitions.js';
import { closeAttemptsSql } from './attempt-outcome.js';

/** A job a worker took: the attempt number fences every later write about it. */
export interface ClaimedRow {
  id: string;
  type: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  timeoutSeconds: number;
  queueJobId: string;
  hasWebhook: boolean;
  /** W3C `traceparent` of the submission: the attempt's span continues its trace. */
  traceParent: string | null;
}

/**
 * Claims the jobs of fetched queue entries for `workerId`, in one statement: each job whose current
 * entry it is and that is PENDING (or PROCESSING, left by a lost worker) becomes PROCESSING under
 * its next attempt number, and that attempt's row is opened. The previous attempt of a job taken
 * over from a lost worker is closed as LOST. A job that is finished, deleted or queued under another
 * entry is not claimed.
 */
export function claimJobs(db: TransactionClient, workerId: string | null, entries: readonly { jobId: string; queueJobId: string }[]): Promise<ClaimedRow[]> {
  return db.$queryRaw<ClaimedRow[]>`
    WITH claimed AS (
      UPDATE jobs j
         SET status = ${toStatusSql('claim')}, attempts = j.attempts + 1, started_at = now(), updated_at = clock_timestamp(), progress = NULL
        FROM unnest(${entries.map((entry) => entry.jobId)}::uuid[], ${entries.map((entry) => entry.queueJobId)}::uuid[]) AS i(job_id, queue_job_id)
       WHERE j.id = i.job_id AND j.queue_job_id = i.queue_job_id AND ${fromStatusFilterSql('claim', 'j.status')}
      RETURNING j.id, j.type, j.payload, j.attempts AS attempt, j.max_attempts AS "maxAttempts", j.timeout_seconds AS "timeoutSeconds",
                j.queue_job_id AS "queueJobId", j.webhook_url IS NOT NULL AS "hasWebhook",
                j.trace_parent AS "traceParent"
    ), opened AS (
      INSERT INTO job_attempts (job_id, queue_job_id, number, worker_id, started_at)
      SELECT id, "queueJobId", attempt, ${workerId}::uuid, now() FROM claimed
    ), superseded AS (${closeAttemptsSql(
      Prisma.sql`(SELECT id, "queueJobId" AS queue_job_id, attempt - 1 AS attempt FROM claimed) e`,
      Prisma.sql`${AttemptOutcome.LOST}`,
      { code: Prisma.sql`${JobErrorCode.WORKER_LOST}`, message: Prisma.sql`'The worker running the attempt stopped heartbeating; another attempt took over'` },
    )})
    SELECT * FROM claimed`;
}

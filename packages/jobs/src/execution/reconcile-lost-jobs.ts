import { AttemptOutcome, JobErrorCode } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';
import { fromStatusSql, toStatusSql } from '../status-transitions.js';
import { closeAttemptsSql } from './attempt-outcome.js';

const WORKER_LOST_MESSAGE = 'The worker running the job stopped responding on its last attempt';

/**
 * Finishes jobs whose queue entry pg-boss gave up on without any worker reporting back: a worker
 * killed on the job's last attempt leaves the row PROCESSING while pg-boss, seeing no heartbeat,
 * fails the entry for good. Such jobs become FAILED (`WorkerLost`), their attempt closed as LOST, so
 * every accepted job reaches an end. Returns them, with whether each has a webhook to deliver.
 */
export function reconcileLostJobs(db: TransactionClient): Promise<{ id: string; hasWebhook: boolean }[]> {
  return db.$queryRaw`
    WITH lost AS (
      UPDATE jobs j
         SET status = ${toStatusSql('loseWorker')}, finished_at = now(), updated_at = clock_timestamp(),
             error_code = ${JobErrorCode.WORKER_LOST}, error_message = ${WORKER_LOST_MESSAGE}
        FROM ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} q
       WHERE ${fromStatusSql('loseWorker', 'j.status')} AND q.name = j.queue_name AND q.id = j.queue_job_id AND q.state = 'failed'
      RETURNING j.id, j.queue_job_id, j.attempts AS attempt, j.webhook_url IS NOT NULL AS "hasWebhook"
    ), closed AS (${closeAttemptsSql(Prisma.sql`lost e`, Prisma.sql`${AttemptOutcome.LOST}`, {
      code: Prisma.sql`${JobErrorCode.WORKER_LOST}`,
      message: Prisma.sql`${WORKER_LOST_MESSAGE}`,
    })})
    SELECT id, "hasWebhook" FROM lost`;
}

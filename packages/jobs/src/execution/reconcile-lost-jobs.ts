import { JobErrorCode } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';
import { fromStatusSql, toStatusSql } from '../status-transitions.js';

/**
 * Finishes jobs whose queue entry pg-boss gave up on without any worker reporting back: a worker
 * killed on the job's last attempt leaves the row PROCESSING while pg-boss, seeing no heartbeat,
 * fails the entry for good. Such jobs become FAILED (`WorkerLost`), so every accepted job reaches
 * an end. Returns them, with whether each has a webhook to deliver.
 */
export function reconcileLostJobs(db: TransactionClient): Promise<{ id: string; hasWebhook: boolean }[]> {
  return db.$queryRaw`
    UPDATE jobs j
       SET status = ${toStatusSql('loseWorker')}, finished_at = now(), updated_at = clock_timestamp(),
           error_code = ${JobErrorCode.WORKER_LOST},
           error_message = 'The worker running the job stopped responding on its last attempt'
      FROM ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} q
     WHERE ${fromStatusSql('loseWorker', 'j.status')} AND q.name = j.queue_name AND q.id = j.queue_job_id AND q.state = 'failed'
    RETURNING j.id, j.webhook_url IS NOT NULL AS "hasWebhook"`;
}

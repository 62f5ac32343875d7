import { Prisma, type TransactionClient } from '@jobs/database';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';
import { DEAD_WORKER_SQL } from './dead-worker.js';

/** A running attempt of a dead worker, with what its fenced failure needs. */
export interface LostAttempt {
  id: string;
  queueName: string;
  attempt: number;
  maxAttempts: number;
  queueJobId: string;
  /** The entry's attempt in pg-boss (fences its hand-back). */
  retryCount: number;
  hasWebhook: boolean;
}

/**
 * The attempts that the workers `workerIds` were running, that their jobs are still on, with a queue
 * entry still active, if those workers are still dead (DEAD_WORKER_SQL, judged again in this
 * statement's snapshot: one that registered again since keeps its jobs). What a sweep fails as
 * LOST so that they run again elsewhere at once. Found from the running jobs (`(status, run_at)`).
 */
export function findLostAttempts(db: TransactionClient, workerIds: readonly string[]): Promise<LostAttempt[]> {
  return db.$queryRaw<LostAttempt[]>`
    SELECT j.id, j.queue_name AS "queueName", a.number AS attempt, j.max_attempts AS "maxAttempts", j.queue_job_id AS "queueJobId",
           q.retry_count AS "retryCount", j.webhook_url IS NOT NULL AS "hasWebhook"
      FROM jobs j
      JOIN job_attempts a ON a.job_id = j.id AND a.queue_job_id = j.queue_job_id AND a.number = j.attempts AND a.outcome IS NULL
      JOIN workers w ON w.id = a.worker_id
      JOIN ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} q ON q.name = j.queue_name AND q.id = j.queue_job_id AND q.state = 'active'
     WHERE j.status = 'PROCESSING' AND w.id = ANY(${workerIds}::uuid[]) AND ${DEAD_WORKER_SQL}
     ORDER BY j.queue_job_id`;
}

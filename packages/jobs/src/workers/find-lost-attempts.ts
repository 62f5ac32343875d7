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
 * The attempts dead workers were running (DEAD_WORKER_SQL) that their jobs are still on, with a
 * queue entry still active: what a sweep fails as LOST so that they run again elsewhere at once.
 * One statement, so a worker found dead is judged in the same snapshot as its attempts.
 */
export function findLostAttempts(db: TransactionClient): Promise<LostAttempt[]> {
  return db.$queryRaw<LostAttempt[]>`
    SELECT j.id, j.queue_name AS "queueName", a.number AS attempt, j.max_attempts AS "maxAttempts", j.queue_job_id AS "queueJobId",
           q.retry_count AS "retryCount", j.webhook_url IS NOT NULL AS "hasWebhook"
      FROM workers w
      JOIN job_attempts a ON a.worker_id = w.id AND a.outcome IS NULL
      JOIN jobs j ON j.id = a.job_id AND j.queue_job_id = a.queue_job_id AND j.attempts = a.number AND j.status = 'PROCESSING'
      JOIN ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)} q ON q.name = j.queue_name AND q.id = j.queue_job_id AND q.state = 'active'
     WHERE ${DEAD_WORKER_SQL}
     ORDER BY j.queue_job_id`;
}

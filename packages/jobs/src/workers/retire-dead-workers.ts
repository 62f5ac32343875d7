import type { TransactionClient } from '@jobs/database';
import { DEAD_WORKER_SQL } from './dead-worker.js';

/** Marks the workers `workerIds` stopped if they are still dead (DEAD_WORKER_SQL) and none of their attempts still holds a running job; returns those marked. */
export async function retireDeadWorkers(db: TransactionClient, workerIds: readonly string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE workers w SET stopped_at = now()
     WHERE w.id = ANY(${workerIds}::uuid[]) AND ${DEAD_WORKER_SQL}
       AND NOT EXISTS (SELECT 1 FROM jobs j JOIN job_attempts a ON a.job_id = j.id AND a.queue_job_id = j.queue_job_id AND a.number = j.attempts
                        WHERE j.status = 'PROCESSING' AND a.worker_id = w.id AND a.outcome IS NULL)
    RETURNING w.id::text`;
  return rows.map((row) => row.id);
}

import type { TransactionClient } from '@jobs/database';
import { DEAD_WORKER_SQL } from './dead-worker.js';

/** Marks dead workers (DEAD_WORKER_SQL) stopped once none of their attempts still holds a running job; returns their ids. */
export async function retireDeadWorkers(db: TransactionClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE workers w SET stopped_at = now()
     WHERE ${DEAD_WORKER_SQL}
       AND NOT EXISTS (SELECT 1 FROM job_attempts a JOIN jobs j ON j.id = a.job_id AND j.queue_job_id = a.queue_job_id AND j.attempts = a.number
                        WHERE a.worker_id = w.id AND a.outcome IS NULL AND j.status = 'PROCESSING')
    RETURNING w.id::text`;
  return rows.map((row) => row.id);
}

import type { JobProgress } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { ATTEMPT_FENCE } from './attempt-fence.js';

export interface ProgressReport {
  id: string;
  attempt: number;
  queueJobId: string;
  progress: JobProgress;
}

/** Writes the progress of running attempts, of any number of jobs, in one statement. */
export async function reportProgress(db: TransactionClient, reports: readonly ProgressReport[]): Promise<void> {
  await db.$executeRaw`
    UPDATE jobs j SET progress = i.progress, updated_at = clock_timestamp()
      FROM unnest(${reports.map((report) => report.id)}::uuid[], ${reports.map((report) => report.attempt)}::int[],
                  ${reports.map((report) => report.queueJobId)}::uuid[], ${reports.map((report) => JSON.stringify(report.progress))}::jsonb[])
        AS i(id, attempt, queue_job_id, progress)
     WHERE j.id = i.id AND ${ATTEMPT_FENCE}`;
}

import type { JobStatus } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';

/** A job a firing made. */
export interface ScheduledJobRecord {
  id: string;
  status: JobStatus;
  scheduledFor: Date;
  createdAt: Date;
}

/** The jobs of a schedule's latest firings, newest first, read along the (schedule_id, scheduled_for) unique index. */
export async function findScheduledJobs(db: TransactionClient, scheduleId: string, limit: number): Promise<ScheduledJobRecord[]> {
  return db.$queryRaw<ScheduledJobRecord[]>`
    SELECT id, status::text AS status, scheduled_for AS "scheduledFor", created_at AS "createdAt" FROM jobs
     WHERE schedule_id = ${scheduleId}::uuid
     ORDER BY scheduled_for DESC
     LIMIT ${limit}`;
}

import type { TransactionClient } from '@jobs/database';

/** A stored line, as `job_logs` holds it. */
export interface JobLogRecord {
  seq: number;
  attempt: number;
  level: string;
  loggedAt: Date;
  message: string;
  fields: Record<string, unknown> | null;
  truncated: boolean;
}

/** Up to `limit` lines of the job after `after`, in order (the primary key's range). */
export function listJobLogs(db: TransactionClient, jobId: string, after: number, limit: number): Promise<JobLogRecord[]> {
  return db.$queryRaw<JobLogRecord[]>`
    SELECT seq, attempt, level, logged_at AS "loggedAt", message, fields, truncated
      FROM job_logs
     WHERE job_id = ${jobId}::uuid AND seq > ${after}
     ORDER BY seq
     LIMIT ${limit}`;
}

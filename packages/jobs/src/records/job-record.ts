import type { JobProgress, JobStatus } from '@jobs/contracts';
import { Prisma } from '@jobs/database';

/** A job as stored, without its payload: what list pages, status reads and webhooks carry. */
export interface JobSummaryRecord {
  id: string;
  ownerId: string;
  orgId: string | null;
  type: string;
  status: JobStatus;
  priority: number;
  metadata: Record<string, string | number | boolean>;
  progress: JobProgress | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  maxAttempts: number;
  timeoutSeconds: number;
  resultId: string | null;
  resultType: string | null;
  queueJobId: string;
  webhookUrl: string | null;
  webhookAttempts: number;
  webhookDeliveredAt: Date | null;
  webhookError: string | null;
  createdAt: Date;
  updatedAt: Date;
  runAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  scheduleId: string | null;
  scheduledFor: Date | null;
}

/** The whole job as stored. */
export interface JobRecord extends JobSummaryRecord {
  payload: Record<string, unknown>;
  /** W3C `traceparent` of the span that submitted the job; null when not traced. */
  traceParent: string | null;
}

export interface ResultRecord {
  id: string;
  jobId: string;
  type: string;
  data: object;
  createdAt: Date;
}

/** The columns of a {@link JobSummaryRecord}, named as its fields (`j` is the `jobs` alias of every statement that reads them). */
export const SUMMARY_COLUMNS = Prisma.sql`
  j.id, j.owner_id AS "ownerId", j.org_id AS "orgId", j.type, j.status::text AS status, j.priority, j.metadata, j.progress,
  j.error_code AS "errorCode", j.error_message AS "errorMessage", j.attempts, j.max_attempts AS "maxAttempts",
  j.timeout_seconds AS "timeoutSeconds", j.result_id AS "resultId", j.result_type AS "resultType", j.queue_job_id AS "queueJobId",
  j.webhook_url AS "webhookUrl", j.webhook_attempts AS "webhookAttempts", j.webhook_delivered_at AS "webhookDeliveredAt",
  j.webhook_error AS "webhookError", j.created_at AS "createdAt", j.updated_at AS "updatedAt", j.run_at AS "runAt",
  j.started_at AS "startedAt", j.finished_at AS "finishedAt", j.schedule_id AS "scheduleId", j.scheduled_for AS "scheduledFor"`;

/** The columns of a {@link JobRecord}. */
export const JOB_COLUMNS = Prisma.sql`${SUMMARY_COLUMNS}, j.payload, j.trace_parent AS "traceParent"`;

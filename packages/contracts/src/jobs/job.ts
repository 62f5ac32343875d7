import type { JobWebhook } from '../webhooks/webhook.js';
import type { JobStatus } from './job-status.js';

export interface JobAcceptedResponse {
  jobId: string;
  /** Always PENDING: the job is queued (or delayed until its runAt). */
  status: 'PENDING';
  statusUrl: string;
  streamUrl: string;
  message: string;
}

export interface JobProgress {
  current: number;
  total: number | null;
  message: string | null;
  /** 0–100 when `total` is known, otherwise null. */
  percentage: number | null;
}

export interface JobError {
  code: string;
  message: string;
}

export interface JobLinks {
  self: string;
  status: string;
  result: string;
  stream: string;
  cancel: string;
  /** The lines its handler logged: `GET /v1/jobs/:id/logs`. */
  logs: string;
  /** Every attempt of the job: `GET /v1/jobs/:id/attempts`. */
  attempts: string;
}

/** A job without payload or result: what `/status` and list pages return. */
export interface JobSummary {
  id: string;
  type: string;
  status: JobStatus;
  ownerId: string;
  orgId: string | null;
  priority: number;
  metadata: Record<string, string | number | boolean>;
  progress: JobProgress | null;
  resultId: string | null;
  resultType: string | null;
  error: JobError | null;
  attempts: number;
  maxAttempts: number;
  timeoutSeconds: number;
  createdAt: string;
  runAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  durationMs: number | null;
  webhook: JobWebhook | null;
  /** The schedule whose firing made the job, and the planned fire time; null for jobs submitted directly. */
  scheduleId: string | null;
  scheduledFor: string | null;
  links: JobLinks;
}

/** The whole job: payload, and the result inline once completed. */
export interface JobResponse extends JobSummary {
  payload: Record<string, unknown>;
  result: unknown;
  /** The job's trace (W3C trace id, 32 hex digits) in the deployment's tracing backend; null when it was not traced. */
  traceId: string | null;
}

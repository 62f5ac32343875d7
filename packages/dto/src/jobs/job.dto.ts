import type * as wire from '@jobs/contracts';
import type { JobWebhook } from '../webhooks/webhook.dto.js';

export class JobAcceptedResponse implements wire.JobAcceptedResponse {
  jobId: string;
  status: wire.JobStatus;
  statusUrl: string;
  streamUrl: string;
  message: string;
}

export class JobProgress implements wire.JobProgress {
  current: number;
  total: number | null;
  message: string | null;
  /** 0–100 when `total` is known, otherwise null. */
  percentage: number | null;
}

export class JobError implements wire.JobError {
  code: string;
  message: string;
}

export class JobLinks implements wire.JobLinks {
  self: string;
  status: string;
  result: string;
  stream: string;
  cancel: string;
}

/** A job without payload or result: what `/status` and list pages return. */
export class JobSummary implements wire.JobSummary {
  id: string;
  type: string;
  status: wire.JobStatus;
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
  links: JobLinks;
}

/** The whole job: payload, and the result inline once completed. */
export class JobResponse extends JobSummary implements wire.JobResponse {
  payload: Record<string, unknown>;
  result: unknown;
}

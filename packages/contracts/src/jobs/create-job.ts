import type { WebhookRequest } from '../webhooks/webhook.js';

export const JOB_LIMITS = {
  minPriority: -100,
  maxPriority: 100,
  maxAttempts: 25,
  maxTimeoutSeconds: 86_400,
  maxDelaySeconds: 31_536_000,
} as const;

/** `POST /v1/jobs`. */
export interface CreateJobRequest {
  /** A registered job type, see `GET /v1/job-types`. */
  type: string;
  /** Validated against the job type's payload contract. */
  payload: Record<string, unknown>;
  /** Higher runs first. Default 0. */
  priority?: number;
  /** When to run, ISO 8601. Excludes `delaySeconds`. */
  runAt?: string;
  /** Seconds from now to run. Excludes `runAt`. */
  delaySeconds?: number;
  maxAttempts?: number;
  timeoutSeconds?: number;
  /** Client labels, returned with the job and searchable. */
  metadata?: Record<string, string | number | boolean>;
  /** Notified (a signed POST of the job summary) when the job finishes. */
  webhook?: WebhookRequest;
}

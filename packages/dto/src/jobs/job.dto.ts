import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../common/api-schema.js';
import type { JobWebhook } from '../webhooks/webhook.dto.js';

export class JobAcceptedResponse implements wire.JobAcceptedResponse {
  @ApiProperty({ format: 'uuid' })
  jobId: string;
  /** Always PENDING: the job is queued (or delayed until its runAt). */
  status: 'PENDING';
  statusUrl: string;
  streamUrl: string;
  message: string;
}

export class JobProgress implements wire.JobProgress {
  current: number;
  /** What `current` counts up to, when the handler knows. */
  total: number | null;
  message: string | null;
  /** 0–100 when `total` is known, otherwise null. */
  @ApiProperty({ type: 'number', minimum: 0, maximum: 100, nullable: true })
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
  /** The lines its handler logged: `GET /v1/jobs/:id/logs`. */
  logs: string;
  /** Every attempt of the job. */
  attempts: string;
}

/** A job without payload or result: what `/status` and list pages return. */
export class JobSummary implements wire.JobSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;
  type: string;
  status: wire.JobStatus;
  ownerId: string;
  orgId: string | null;
  /** Higher runs first. */
  @ApiInteger()
  priority: number;
  /** Client labels, as submitted. */
  @ApiProperty({ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } })
  metadata: Record<string, string | number | boolean>;
  progress: JobProgress | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  resultId: string | null;
  /** Set when the job completes: which result schema `result` (on the whole job) follows. */
  resultType: string | null;
  error: JobError | null;
  /** Attempts started so far. */
  @ApiInteger({ minimum: 0 })
  attempts: number;
  @ApiInteger({ minimum: 1 })
  maxAttempts: number;
  @ApiInteger({ minimum: 1 })
  timeoutSeconds: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  runAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  startedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt: string | null;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiInteger({ minimum: 0, nullable: true })
  durationMs: number | null;
  webhook: JobWebhook | null;
  /** The schedule whose firing made the job; null for jobs submitted directly. */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  scheduleId: string | null;
  /** The planned fire time the job was made for; null for jobs submitted directly. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  scheduledFor: string | null;
  links: JobLinks;
}

/** The whole job: payload, and the result inline once completed. */
export class JobResponse extends JobSummary implements wire.JobResponse {
  payload: Record<string, unknown>;
  /** The result (of the schema `resultType` names) once COMPLETED, otherwise null. */
  result: unknown;
  /** The job's trace (W3C trace id) in the deployment's tracing backend: its submission and every attempt; null when it was not traced (no OTEL_* configuration). */
  @ApiProperty({ type: 'string', nullable: true, pattern: '^[0-9a-f]{32}$' })
  traceId: string | null;
}

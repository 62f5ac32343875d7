import type { JobError, JobResponse, JobSummary, ResultResponse } from '@jobs/contracts';
import type { JobCatalog } from '@jobs/dto';
import type { JobRecord, JobSummaryRecord, ResultRecord } from './job-record.js';

/** Where a job's routes are, relative to the API's root. */
export function jobLinks(id: string): JobSummary['links'] {
  const self = `/v1/jobs/${id}`;
  return { self, status: `${self}/status`, result: `${self}/result`, stream: `${self}/stream`, cancel: `${self}/cancel` };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function jobError(job: JobSummaryRecord): JobError | null {
  return job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null;
}

/** A job as the API shows it without payload or result (status reads, list pages, webhooks). */
export function toJobSummary(job: JobSummaryRecord): JobSummary {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    ownerId: job.ownerId,
    orgId: job.orgId,
    priority: job.priority,
    metadata: job.metadata,
    progress: job.progress,
    resultId: job.resultId,
    resultType: job.resultType,
    error: jobError(job),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    timeoutSeconds: job.timeoutSeconds,
    createdAt: job.createdAt.toISOString(),
    runAt: job.runAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    updatedAt: job.updatedAt.toISOString(),
    durationMs: job.startedAt && job.finishedAt ? job.finishedAt.getTime() - job.startedAt.getTime() : null,
    webhook: job.webhookUrl
      ? { url: job.webhookUrl, attempts: job.webhookAttempts, deliveredAt: iso(job.webhookDeliveredAt), lastError: job.webhookError }
      : null,
    scheduleId: job.scheduleId,
    scheduledFor: iso(job.scheduledFor),
    links: jobLinks(job.id),
  };
}

/** The whole job: its payload, and its result inline once completed. */
export function toJobResponse(job: JobRecord, result: ResultRecord | null): JobResponse {
  return { ...toJobSummary(job), payload: job.payload, result: result?.data ?? null };
}

/** `compact` asks for the type's compact form; a type without one returns the whole result. */
export function toResultResponse(result: ResultRecord, catalog: JobCatalog, compact: boolean): ResultResponse {
  const compactData = compact ? catalog.compactResult(result.type, result.data) : null;
  return {
    id: result.id,
    jobId: result.jobId,
    type: result.type,
    compact: compactData !== null,
    data: compactData ?? result.data,
    createdAt: result.createdAt.toISOString(),
    links: { self: `/v1/results/${result.id}`, job: `/v1/results/${result.id}/job` },
  };
}

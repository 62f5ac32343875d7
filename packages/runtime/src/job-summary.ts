import type { JobError, JobProgress, JobSummary } from '@jobs/contracts';
import type { Job } from '@jobs/database';

/** A job row without its payload: what list pages, status polls and webhooks carry. */
export type JobSummaryRow = Omit<Job, 'payload' | 'searchText' | 'webhookSecret'>;

export function jobLinks(id: string): JobSummary['links'] {
  const self = `/v1/jobs/${id}`;
  return { self, status: `${self}/status`, result: `${self}/result`, stream: `${self}/stream`, cancel: `${self}/cancel` };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function jobError(job: JobSummaryRow): JobError | null {
  return job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null;
}

export function toJobSummary(job: JobSummaryRow): JobSummary {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    ownerId: job.ownerId,
    orgId: job.orgId,
    priority: job.priority,
    metadata: job.metadata as JobSummary['metadata'],
    progress: job.progress as JobProgress | null,
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
    links: jobLinks(job.id),
  };
}

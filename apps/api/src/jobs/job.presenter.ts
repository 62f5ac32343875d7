import type { JobCatalog, JobError, JobProgress, JobResponse, JobSummary, ResultResponse } from '@jobs/contracts';
import type { Job, Result } from '@jobs/database';
import type { JobSummaryRow } from './jobs.repository.js';

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
    links: jobLinks(job.id),
  };
}

export function toJobResponse(job: Job & { result?: Result | null }): JobResponse {
  return { ...toJobSummary(job), payload: job.payload as JobResponse['payload'], result: job.result?.data ?? null };
}

/** `compact` asks for the type's compact form; a type without one returns the whole result. */
export function toResultResponse(result: Result, catalog: JobCatalog, compact: boolean): ResultResponse {
  const compactData = compact ? catalog.compactResult(result.type, result.data as object) : null;
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

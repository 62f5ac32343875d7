import type { JobCatalog, JobResponse, ResultResponse } from '@jobs/contracts';
import type { Job, Result } from '@jobs/database';
import { toJobSummary } from '@jobs/runtime';

export { jobLinks, toJobSummary } from '@jobs/runtime';

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

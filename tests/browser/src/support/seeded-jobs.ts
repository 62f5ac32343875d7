import type { CreateJobRequest, JobAcceptedResponse, JobStatus, JobSummary } from '@jobs/contracts';
import { type ApiClient, waitUntil } from '@jobs/testing';

/** The API answers with diagnostics jobs only when both the API and the workers enable them. */
export const DIAGNOSTICS_ENV = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

/** Submits a job through the API and returns its id. */
export async function submitJob(api: ApiClient, job: CreateJobRequest): Promise<string> {
  const response = await api.post<JobAcceptedResponse>('/v1/jobs', job);
  if (response.status !== 202) throw new Error(`submission answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.jobId;
}

/** Waits (on a loaded machine, as long as it takes within the test's time) until the job has one of `statuses`. */
export async function waitForStatus(api: ApiClient, jobId: string, statuses: readonly JobStatus[]): Promise<JobSummary> {
  const response = await waitUntil(
    () => api.get<JobSummary>(`/v1/jobs/${jobId}/status`),
    (answer) => answer.status === 200 && statuses.includes(answer.body.status),
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return response.body;
}

/** A job that completes at once. */
export const QUICK_JOB: CreateJobRequest = { type: 'text.indicators', payload: { text: 'seen at 203.0.113.7' } };

/** A job that fails on its only attempt (`DiagnosticFailure`). */
export const FAILING_JOB: CreateJobRequest = { type: 'diagnostics.sleep', payload: { durationMs: 10, steps: 1, failAttempts: 1 }, maxAttempts: 1 };

/** Submits `completed` quick jobs and `failed` failing ones, and waits until all have finished as intended. */
export async function seedFinishedJobs(api: ApiClient, counts: { completed: number; failed: number }): Promise<JobSummary[]> {
  const submitted = await Promise.all([
    ...Array.from({ length: counts.completed }, async () => waitForStatus(api, await submitJob(api, QUICK_JOB), ['COMPLETED'])),
    ...Array.from({ length: counts.failed }, async () => waitForStatus(api, await submitJob(api, FAILING_JOB), ['FAILED'])),
  ]);
  return submitted;
}

import { JOB_LOG_LEVELS, type JobAttempt, type JobError, type JobLogLevel, type JobLogLine, type JobResponse, type JobSummary, type ResultResponse } from '@jobs/contracts';
import type { JobCatalog } from '@jobs/dto';
import { traceIdOf } from '@jobs/tracing';
import type { JobLogRecord } from '../logs/list-job-logs.js';
import type { AttemptRecord } from '../reads/list-attempts.js';
import type { JobRecord, JobSummaryRecord, ResultRecord } from './job-record.js';

/** Where a job's routes are, relative to the API's root. */
export function jobLinks(id: string): JobSummary['links'] {
  const self = `/v1/jobs/${id}`;
  return { self, status: `${self}/status`, result: `${self}/result`, stream: `${self}/stream`, cancel: `${self}/cancel`, logs: `${self}/logs`, attempts: `${self}/attempts` };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function jobError(job: JobSummaryRecord): JobError | null {
  return job.errorCode ? { code: job.errorCode, message: job.errorMessage ?? '' } : null;
}

/** A stored log line as the API shows it. */
export function toJobLogLine(line: JobLogRecord): JobLogLine {
  return {
    seq: line.seq,
    attempt: line.attempt,
    level: (JOB_LOG_LEVELS as readonly string[]).includes(line.level) ? (line.level as JobLogLevel) : 'info',
    time: line.loggedAt.toISOString(),
    message: line.message,
    fields: line.fields,
    truncated: line.truncated,
  };
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
  return { ...toJobSummary(job), payload: job.payload, result: result?.data ?? null, traceId: traceIdOf(job.traceParent) };
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

/** An attempt as the API shows it. */
export function toJobAttempt(attempt: AttemptRecord): JobAttempt {
  return {
    number: attempt.number,
    run: attempt.run,
    worker: attempt.workerId && attempt.workerHost !== null && attempt.workerPid !== null ? { id: attempt.workerId, host: attempt.workerHost, pid: attempt.workerPid } : null,
    startedAt: attempt.startedAt.toISOString(),
    finishedAt: iso(attempt.finishedAt),
    outcome: attempt.outcome,
    error: attempt.errorCode ? { code: attempt.errorCode, message: attempt.errorMessage ?? '' } : null,
    durationMs: attempt.finishedAt ? Math.max(0, attempt.finishedAt.getTime() - attempt.startedAt.getTime()) : null,
  };
}

import type { JobProgress, JobStatus } from '@jobs/contracts';

/**
 * Every PostgreSQL NOTIFY channel of the platform, with its payload. The first two are sent by the
 * `jobs_notify_changes` trigger (migrations `20261205120000_statement_notifications` and
 * `20261212120000_job_event_owners`), once per statement: a claim or completion of a hundred jobs is
 * one notification, not a hundred. NOTIFY is transactional, so listeners hear of a change only once
 * it is committed; a payload is at most 8000 bytes, so a large statement's changes arrive in several
 * notifications.
 */
export const CHANNELS = {
  /** Status and progress changes of jobs: a JSON array of {@link JobChange}. API processes fan them out to streams and feeds. */
  jobChanges: 'job_events',
  /**
   * New jobs: a JSON array of {@link JobCreation}. Sent by this package after the commit of a
   * submission, like `queueWakeups` and for the same reason; API processes fan them out to feeds.
   */
  jobsCreated: 'jobs_created',
  /** Running jobs that were cancelled: a JSON array of job ids. Workers abort their handlers. */
  cancellations: 'job_cancellations',
  /**
   * Queue entries that can run now: the queue's name. Sent by this package after a commit (never by
   * a trigger: a NOTIFY in every submission would serialise their commits); workers wake their
   * fetch loops for that queue.
   */
  queueWakeups: 'jobs_queued',
  /**
   * New log lines: a JSON array of {@link JobLogNotice}, the last `seq` each job reached. Sent by the
   * statement that writes a worker's batch of lines (`insertJobLogs`), so one notification carries
   * many jobs' lines; API processes push them on the jobs' streams.
   */
  jobLogs: 'job_logs',
} as const;

/** Whose a job is: what a feed's scope is matched against. */
export interface JobOwnership {
  ownerId: string;
  orgId: string | null;
}

/** One change as the trigger reports it. */
export interface JobChange extends JobOwnership {
  id: string;
  type: string;
  status: JobStatus;
  progress: JobProgress | null;
  attempts: number;
  /** The row's updated_at in epoch milliseconds: increases with every change of the job. */
  updatedAt: number;
}

/** One new job as `jobs_created` announces it. */
export interface JobCreation extends JobOwnership {
  id: string;
  type: string;
  status: JobStatus;
  /** The row's created_at in epoch milliseconds. */
  createdAt: number;
}

/** A job's new log lines, up to `seq`, as `job_logs` announces them. */
export interface JobLogNotice {
  id: string;
  seq: number;
}

/** The jobs in a `job_logs` payload; an unreadable payload yields none. */
export function parseJobLogNotices(payload: string): JobLogNotice[] {
  return parseArray(payload).filter(
    (item): item is JobLogNotice => typeof item === 'object' && item !== null && typeof (item as JobLogNotice).id === 'string' && typeof (item as JobLogNotice).seq === 'number',
  );
}

/** The changes in a `job_events` payload; an unreadable payload yields none. */
export function parseJobChanges(payload: string): JobChange[] {
  return parseArray(payload).filter((change): change is JobChange => isOwnedJob(change) && typeof (change as JobChange).updatedAt === 'number');
}

/** The new jobs in a `jobs_created` payload; an unreadable payload yields none. */
export function parseJobCreations(payload: string): JobCreation[] {
  return parseArray(payload).filter((job): job is JobCreation => isOwnedJob(job) && typeof (job as JobCreation).createdAt === 'number');
}

function isOwnedJob(item: unknown): item is { id: string; type: string } & JobOwnership {
  if (typeof item !== 'object' || item === null) return false;
  const job = item as Record<string, unknown>;
  return typeof job['id'] === 'string' && typeof job['type'] === 'string' && typeof job['ownerId'] === 'string' && (job['orgId'] === null || typeof job['orgId'] === 'string');
}

/** The job ids in a `job_cancellations` payload. */
export function parseCancellations(payload: string): string[] {
  return parseArray(payload).filter((id): id is string => typeof id === 'string');
}

function parseArray(payload: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(payload);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

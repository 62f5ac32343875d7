import type { JobProgress, JobStatus } from '@jobs/contracts';

/**
 * Every PostgreSQL NOTIFY channel of the platform, with its payload. The first two are sent by the
 * `jobs_notify_changes` trigger (migration `20261205120000_statement_notifications`), once per
 * statement: a claim or completion of a hundred jobs is one notification, not a hundred. NOTIFY is
 * transactional, so listeners hear of a change only once it is committed; a payload is at most
 * 8000 bytes, so a large statement's changes arrive in several notifications.
 */
export const CHANNELS = {
  /** Status and progress changes of jobs: a JSON array of {@link JobChange}. API processes fan them out to streams. */
  jobChanges: 'job_events',
  /** Running jobs that were cancelled: a JSON array of job ids. Workers abort their handlers. */
  cancellations: 'job_cancellations',
  /**
   * Queue entries that can run now: the queue's name. Sent by this package after a commit (never by
   * a trigger: a NOTIFY in every submission would serialise their commits); workers wake their
   * fetch loops for that queue.
   */
  queueWakeups: 'jobs_queued',
} as const;

/** One change as the trigger reports it. */
export interface JobChange {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  attempts: number;
  /** The row's updated_at in epoch milliseconds: increases with every change of the job. */
  updatedAt: number;
}

/** The changes in a `job_events` payload; an unreadable payload yields none. */
export function parseJobChanges(payload: string): JobChange[] {
  return parseArray(payload).filter((change): change is JobChange => typeof change === 'object' && change !== null && typeof (change as JobChange).id === 'string');
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

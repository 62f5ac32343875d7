import type { JobStatus } from './job-status.js';
import type { JobProgress } from './job.js';

/** `GET /v1/jobs/events`: whose jobs the feed follows (as on `GET /v1/jobs`), and optionally which types. */
export interface JobFeedQuery {
  /** Admins only: every owner's jobs. */
  scope?: 'all';
  /** Admins only: one owner's jobs. */
  ownerId?: string;
  /** Only jobs of these types. */
  type?: readonly string[];
}

/** `created` events: a job was submitted. */
export interface JobCreatedEventData {
  id: string;
  type: string;
  status: JobStatus;
  createdAt: string;
}

/** `changed` events: a job's status or progress changed (a retry too: back to PENDING, attempts 0). */
export interface JobChangedEventData {
  id: string;
  type: string;
  status: JobStatus;
  progress: JobProgress | null;
  attempts: number;
  updatedAt: string;
}

/** `resync` events: first when the feed starts listening, then whenever changes may have been missed: (re)fetch the view. No data. */
export type JobFeedResyncEventData = Record<string, never>;

/**
 * One event of the jobs feed, by its `event` name. `changed` events arrive in the order their
 * changes were committed (and a job's `updatedAt` is the time of its change, so it grows with them):
 * apply them as they come. A `created` can arrive after the job's first `changed` (a worker may take
 * a job before its creation is announced): a job you already have ignores `created`.
 */
export type JobFeedEvent =
  | { event: 'created'; data: JobCreatedEventData }
  | { event: 'changed'; data: JobChangedEventData }
  | { event: 'resync'; data: JobFeedResyncEventData };

import type { QueryInstant } from '../common/query-values.js';
import type { JobStatus } from './job-status.js';
import type { JobSummary } from './job.js';

export const JOB_SORT_FIELDS = ['createdAt', 'updatedAt', 'finishedAt', 'priority'] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const LIST_LIMITS = { defaultLimit: 50, maxLimit: 100, maxOffset: 10_000 } as const;

/**
 * Which jobs a listing or a bulk change covers: the listing's filters and scope. Lists go
 * comma-separated.
 */
export interface JobFilterQuery {
  /** Job types. */
  type?: readonly string[];
  status?: readonly JobStatus[];
  /** Result types. */
  resultType?: readonly string[];
  /** Error codes jobs failed with (a job being retried carries its last attempt's). */
  errorCode?: readonly string[];
  createdFrom?: QueryInstant;
  createdTo?: QueryInstant;
  finishedFrom?: QueryInstant;
  finishedTo?: QueryInstant;
  /** Case-insensitive text in the job's type or metadata keys and values. */
  q?: string;
  /** Jobs made by this schedule's firings. */
  scheduleId?: string;
  /** Admins only: `all` covers every owner's jobs. */
  scope?: 'all';
  /** Admins only: one owner's jobs. */
  ownerId?: string;
}

/** `GET /v1/jobs` as a client sends it: filters, sort, and a keyset cursor or an offset. */
export interface ListJobsQuery extends JobFilterQuery {
  limit?: number;
  /** Opaque, from a previous page's `nextCursor`. Excludes `offset`. */
  cursor?: string;
  offset?: number;
  sort?: JobSortField;
  order?: SortOrder;
  includeTotal?: boolean;
}

export interface JobListResponse {
  data: JobSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  hasMore: boolean;
  /** With `includeTotal=true`: every job matching the filters. */
  total?: number;
}

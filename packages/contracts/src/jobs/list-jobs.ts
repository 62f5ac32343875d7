import type { QueryInstant } from '../common/query-values.js';
import type { JobStatus } from './job-status.js';
import type { JobSummary } from './job.js';

export const JOB_SORT_FIELDS = ['createdAt', 'updatedAt', 'finishedAt', 'priority'] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const LIST_LIMITS = { defaultLimit: 50, maxLimit: 100, maxOffset: 10_000 } as const;

/** `GET /v1/jobs` as a client sends it: filters, sort, and a keyset cursor or an offset. Lists go comma-separated. */
export interface ListJobsQuery {
  limit?: number;
  /** Opaque, from a previous page's `nextCursor`. Excludes `offset`. */
  cursor?: string;
  offset?: number;
  /** Job types. */
  type?: readonly string[];
  status?: readonly JobStatus[];
  /** Result types. */
  resultType?: readonly string[];
  createdFrom?: QueryInstant;
  createdTo?: QueryInstant;
  finishedFrom?: QueryInstant;
  finishedTo?: QueryInstant;
  /** Case-insensitive text in the job's type or metadata keys and values. */
  q?: string;
  /** Jobs made by this schedule's firings. */
  scheduleId?: string;
  sort?: JobSortField;
  order?: SortOrder;
  includeTotal?: boolean;
  /** Admins only: `all` lists every owner's jobs. */
  scope?: 'all';
  /** Admins only: one owner's jobs. */
  ownerId?: string;
}

export interface JobListResponse {
  data: JobSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  hasMore: boolean;
  /** With `includeTotal=true`: every job matching the filters. */
  total?: number;
}

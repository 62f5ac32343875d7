import type { QueryInstant } from '../common/query-values.js';
import type { JobStatus } from './job-status.js';

/** `DELETE /v1/jobs`: the caller's own finished jobs, by date (at least one of the two dates). */
export interface DeleteJobsQuery {
  /** Jobs created before this instant (a bare date means its midnight UTC). */
  createdBefore?: QueryInstant;
  finishedBefore?: QueryInstant;
  type?: readonly string[];
  /** Terminal statuses only. */
  status?: readonly JobStatus[];
}

/** `DELETE /v1/admin/jobs`: any owner's jobs, by date, in batches. */
export interface AdminDeleteJobsQuery extends DeleteJobsQuery {
  /** Any statuses; PENDING and PROCESSING need `includeActive: true`. */
  status?: readonly JobStatus[];
  ownerId?: string;
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  /** Also delete PENDING and PROCESSING jobs (otherwise only terminal ones). */
  includeActive?: boolean;
}

export interface DeleteJobsResponse {
  deleted: number;
  /** On the admin route: true when nothing was deleted and `deleted` is a count. */
  dryRun?: boolean;
}

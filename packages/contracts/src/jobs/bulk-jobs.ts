import type { JobFilterQuery } from './list-jobs.js';

/**
 * `POST /v1/jobs/retry` and `POST /v1/jobs/cancel`: every job the listing's filters match, changed
 * in batches. At least one filter, or `all: true`, so an empty query cannot touch everything.
 */
export interface BulkJobsQuery extends JobFilterQuery {
  /** Count only: what a run would do now, changing nothing. */
  dryRun?: boolean;
  /** Confirms a change with no filter: every job of the scope. */
  all?: boolean;
}

/** Why matching jobs were left alone, each counted under the first reason that applies. */
export interface BulkSkipped {
  /** An organisation's job that is not the caller's: members may look, only owners and admins change. */
  notOwner: number;
  /** In a status the change does not start from (retry: FAILED or CANCELLED; cancel: PENDING or PROCESSING). */
  status: number;
  /** Retry only: the job's type is no longer in the catalog, so it cannot run again. */
  unregisteredType: number;
}

export interface BulkJobsResponse {
  /** True when nothing was changed and `changed` is what a run would change now. */
  dryRun: boolean;
  /** Jobs the filters matched when the request began (the listing's total for the same query). */
  matched: number;
  /** Jobs retried or cancelled. */
  changed: number;
  skipped: BulkSkipped;
}

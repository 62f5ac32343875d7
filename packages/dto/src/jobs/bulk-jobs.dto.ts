import type * as wire from '@jobs/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiInteger } from '../common/api-schema.js';
import { parseBooleanString } from '../common/boolean-string.js';
import { JobFilterQuery } from './job-filter-query.dto.js';

/** `POST /v1/jobs/retry` and `POST /v1/jobs/cancel`: the listing's filters; at least one, or `all=true`. */
export class BulkJobsQuery extends JobFilterQuery implements wire.BulkJobsQuery {
  /** Count only: what a run would do now, changing nothing. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  /** Confirms a change with no filter: every job of the scope. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'all must be true or false' })
  all?: boolean;
}

/** Why matching jobs were left alone, each counted under the first reason that applies. */
export class BulkSkipped implements wire.BulkSkipped {
  /** An organisation's job that is not the caller's: members may look, only owners and admins change. */
  @ApiInteger({ minimum: 0 })
  notOwner: number;
  /** In a status the change does not start from (retry: FAILED or CANCELLED; cancel: PENDING or PROCESSING). */
  @ApiInteger({ minimum: 0 })
  status: number;
  /** Retry only: the job's type is no longer in the catalog, so it cannot run again. */
  @ApiInteger({ minimum: 0 })
  unregisteredType: number;
}

export class BulkJobsResponse implements wire.BulkJobsResponse {
  /** True when nothing was changed and `changed` is what a run would change now. */
  dryRun: boolean;
  /** Jobs the filters matched when the request began (the listing's total for the same query). */
  @ApiInteger({ minimum: 0 })
  matched: number;
  /** Jobs retried or cancelled (on a dry run: that a run would retry or cancel now). */
  @ApiInteger({ minimum: 0 })
  changed: number;
  skipped: BulkSkipped;
}

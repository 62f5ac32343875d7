import { JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ApiInteger } from '../common/api-schema.js';
import { parseBooleanString } from '../common/boolean-string.js';
import { ApiInstantQuery, NameListQuery, StatusListQuery, parseInstant } from '../common/query-values.js';

const DATE_FORMAT = 'a date (YYYY-MM-DD) or an ISO 8601 date-time';
const REQUIRED = 'give createdBefore, finishedBefore or both';

/** What both delete routes filter on: at least one date, and optionally types. */
class DeleteFilters {
  @ApiInstantQuery('Jobs created before this instant; give this, finishedBefore or both.')
  @ValidateIf((query: DeleteFilters) => query.createdBefore !== undefined || query.finishedBefore === undefined)
  @Transform(parseInstant)
  @IsDate({ message: `createdBefore must be ${DATE_FORMAT}; ${REQUIRED}` })
  createdBefore?: Date;

  @ApiInstantQuery('Jobs finished before this instant.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `finishedBefore must be ${DATE_FORMAT}` })
  finishedBefore?: Date;

  @IsOptional()
  @NameListQuery()
  type?: string[];
}

/** `DELETE /v1/jobs`: the caller's own finished jobs, by date. */
export class DeleteJobsQuery extends DeleteFilters implements wire.DeleteJobsQuery {
  /** Terminal statuses only, comma-separated. */
  @IsOptional()
  @StatusListQuery('status', TERMINAL_JOB_STATUSES)
  status?: JobStatus[];
}

/** `DELETE /v1/admin/jobs`: any owner's jobs, by date, in batches. */
export class AdminDeleteJobsQuery extends DeleteFilters implements wire.AdminDeleteJobsQuery {
  /** Statuses, comma-separated; PENDING and PROCESSING need `includeActive=true`. */
  @IsOptional()
  @StatusListQuery('status', Object.values(JobStatus))
  status?: JobStatus[];

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  ownerId?: string;

  /** Count what would go, delete nothing. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  /** Also delete PENDING and PROCESSING jobs (otherwise only terminal ones). */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'includeActive must be true or false' })
  includeActive?: boolean;
}

export class DeleteJobsResponse implements wire.DeleteJobsResponse {
  @ApiInteger({ minimum: 0 })
  deleted: number;
  /** On the admin route: true when nothing was deleted and `deleted` is a count. */
  dryRun?: boolean;
}

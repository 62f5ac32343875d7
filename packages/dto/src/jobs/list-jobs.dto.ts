import { JOB_SORT_FIELDS, JobStatus, LIST_LIMITS, SORT_ORDERS, type JobSortField, type SortOrder } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { parseBooleanString } from '../common/boolean-string.js';
import { ApiOptionalInteger } from '../common/api-schema.js';
import { ApiInstantQuery, INSTANT_FORMAT, NameListQuery, StatusListQuery, parseInstant } from '../common/query-values.js';
import { ExcludesProperty } from './excludes-property.validator.js';
import type { JobSummary } from './job.dto.js';
import { OwnerScopeQuery } from './owner-scope.dto.js';

/** `GET /v1/jobs`: filters, sort, and a keyset cursor or an offset. */
export class ListJobsQuery extends OwnerScopeQuery implements wire.ListJobsQuery {
  /** Jobs per page (default 50). */
  @ApiOptionalInteger({ minimum: 1, maximum: LIST_LIMITS.maxLimit, default: LIST_LIMITS.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIST_LIMITS.maxLimit)
  limit?: number;

  /** Opaque, from a previous page's `nextCursor`. Excludes `offset`. */
  @IsOptional()
  @ExcludesProperty('offset')
  @IsString()
  @MaxLength(2048)
  cursor?: string;

  /** Jobs to skip. Excludes `cursor`. */
  @ApiOptionalInteger({ minimum: 0, maximum: LIST_LIMITS.maxOffset })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(LIST_LIMITS.maxOffset)
  offset?: number;

  /** Job types, comma-separated. */
  @IsOptional()
  @NameListQuery()
  type?: string[];

  /** Statuses, comma-separated. */
  @IsOptional()
  @StatusListQuery('status', Object.values(JobStatus))
  status?: JobStatus[];

  /** Result types, comma-separated. */
  @IsOptional()
  @NameListQuery()
  resultType?: string[];

  @ApiInstantQuery('Jobs created at or after this instant.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `createdFrom must be ${INSTANT_FORMAT}` })
  createdFrom?: Date;

  @ApiInstantQuery('Jobs created before this instant.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `createdTo must be ${INSTANT_FORMAT}` })
  createdTo?: Date;

  @ApiInstantQuery('Jobs finished at or after this instant.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `finishedFrom must be ${INSTANT_FORMAT}` })
  finishedFrom?: Date;

  @ApiInstantQuery('Jobs finished before this instant.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `finishedTo must be ${INSTANT_FORMAT}` })
  finishedTo?: Date;

  /** Case-insensitive text in the job's type or metadata keys and values. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  /** Jobs made by this schedule's firings. */
  @IsOptional()
  @IsUUID('all', { message: 'scheduleId must be a UUID' })
  scheduleId?: string;

  @IsOptional()
  @IsIn(JOB_SORT_FIELDS, { message: `sort must be one of: ${JOB_SORT_FIELDS.join(', ')}` })
  sort?: JobSortField;

  @IsOptional()
  @IsIn(SORT_ORDERS, { message: 'order must be asc or desc' })
  order?: SortOrder;

  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'includeTotal must be true or false' })
  includeTotal?: boolean;
}

export class JobListResponse implements wire.JobListResponse {
  data: JobSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  hasMore: boolean;
  /** With `includeTotal=true`: every job matching the filters. */
  @ApiOptionalInteger({ minimum: 0 })
  total?: number;
}

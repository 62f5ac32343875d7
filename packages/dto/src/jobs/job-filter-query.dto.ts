import { JobStatus } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { Transform } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiInstantQuery, INSTANT_FORMAT, NameListQuery, StatusListQuery, parseInstant } from '../common/query-values.js';
import { OwnerScopeQuery } from './owner-scope.dto.js';

/** Which jobs a listing or a bulk change covers: the filters, within the caller's scope. */
export class JobFilterQuery extends OwnerScopeQuery implements wire.JobFilterQuery {
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

  /** Error codes, comma-separated: jobs that failed with one (a job waiting for a retry carries its last attempt's). */
  @IsOptional()
  @NameListQuery()
  errorCode?: string[];

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
}

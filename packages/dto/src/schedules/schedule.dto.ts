import { LIST_LIMITS, SCHEDULE_LIMITS } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiInteger, ApiOptionalInteger } from '../common/api-schema.js';
import { parseBooleanString } from '../common/boolean-string.js';
import { NameListQuery } from '../common/query-values.js';
import { IsJobMetadata } from '../jobs/metadata.validator.js';
import { IsJobMaxAttempts, IsJobPriority, IsJobTimeoutSeconds } from '../jobs/job-settings.validators.js';
import { OwnerScopeQuery } from '../jobs/owner-scope.dto.js';

export class CreateScheduleRequest implements wire.CreateScheduleRequest {
  /** A label for people. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(SCHEDULE_LIMITS.maxNameLength)
  name: string;

  /** Five fields (minute hour day-of-month month day-of-week), or six with seconds first; `@daily` and the like too. At most one firing per `SCHEDULE_MIN_INTERVAL_SECONDS` (60 unless configured). */
  @ApiProperty({ example: '30 2 * * *' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SCHEDULE_LIMITS.maxCronLength)
  cron: string;

  /** An IANA time zone the expression is read in; `UTC` when left out. */
  @ApiProperty({ required: false, example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SCHEDULE_LIMITS.maxTimezoneLength)
  timezone?: string;

  /** A registered job type, see `GET /v1/job-types`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  type: string;

  /** Validated against the job type's payload contract, as `POST /v1/jobs` does. */
  @IsObject()
  payload: Record<string, unknown>;

  /** Of each job made. Higher runs first. Default 0. */
  @IsJobPriority()
  priority?: number;

  /** Client labels given to each job made. */
  @IsOptional()
  @IsJobMetadata()
  metadata?: Record<string, string | number | boolean>;

  /** Of each job made; the type's default when left out. */
  @IsJobMaxAttempts()
  maxAttempts?: number;

  @IsJobTimeoutSeconds()
  timeoutSeconds?: number;

  /** `false` creates it paused. Default true. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** `PATCH /v1/schedules/:id`: the fields to change. `maxAttempts` or `timeoutSeconds` null goes back to the type's default. */
export class UpdateScheduleRequest implements wire.UpdateScheduleRequest {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SCHEDULE_LIMITS.maxNameLength)
  name?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SCHEDULE_LIMITS.maxCronLength)
  cron?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SCHEDULE_LIMITS.maxTimezoneLength)
  timezone?: string;

  /** With a new type, the payload (new or current) is validated against it. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  type?: string;

  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;

  @IsJobPriority()
  priority?: number;

  @IsOptional()
  @IsJobMetadata()
  metadata?: Record<string, string | number | boolean>;

  @IsJobMaxAttempts({ nullable: true })
  maxAttempts?: number | null;

  @IsJobTimeoutSeconds({ nullable: true })
  timeoutSeconds?: number | null;

  /** `false` pauses, `true` resumes (from the next fire time after now). */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** `GET /v1/schedules`: newest first, keyset cursor pages. */
export class ListSchedulesQuery extends OwnerScopeQuery implements wire.ListSchedulesQuery {
  /** Schedules per page (default 50). */
  @ApiOptionalInteger({ minimum: 1, maximum: LIST_LIMITS.maxLimit, default: LIST_LIMITS.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIST_LIMITS.maxLimit)
  limit?: number;

  /** Opaque, from a previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;

  /** Job types, comma-separated. */
  @IsOptional()
  @NameListQuery()
  type?: string[];

  /** Only enabled (`true`) or paused (`false`) schedules. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class ScheduleLinks implements wire.ScheduleLinks {
  self: string;
  /** The jobs its firings made: `GET /v1/jobs?scheduleId=…`. */
  jobs: string;
  pause: string;
  resume: string;
}

export class ScheduledJobLinks {
  self: string;
}

/** A job one of the schedule's latest firings made. */
export class ScheduledJob implements wire.ScheduledJob {
  @ApiProperty({ format: 'uuid' })
  id: string;
  status: wire.JobStatus;
  /** The planned fire time the job was made for. */
  @ApiProperty({ format: 'date-time' })
  scheduledFor: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  links: ScheduledJobLinks;
}

export class ScheduleResponse implements wire.ScheduleResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  cron: string;
  /** The IANA time zone the expression is read in. */
  timezone: string;
  type: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
  @ApiInteger()
  priority: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } })
  metadata: Record<string, string | number | boolean>;
  /** Null: the type's default. */
  @ApiInteger({ minimum: 1, nullable: true })
  maxAttempts: number | null;
  @ApiInteger({ minimum: 1, nullable: true })
  timeoutSeconds: number | null;
  enabled: boolean;
  ownerId: string;
  orgId: string | null;
  /** The next planned firing; null while paused. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  nextFireAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  lastFiredAt: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  links: ScheduleLinks;
}

/** One schedule with its next fire times and the jobs of its latest firings. */
export class ScheduleDetailResponse extends ScheduleResponse implements wire.ScheduleDetailResponse {
  /** The next fire times (none while paused). */
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'date-time' } })
  nextFireTimes: string[];
  /** Jobs of its latest firings, newest first. */
  lastJobs: ScheduledJob[];
}

export class ScheduleListResponse implements wire.ScheduleListResponse {
  data: ScheduleResponse[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  hasMore: boolean;
}

export class DeleteScheduleResponse implements wire.DeleteScheduleResponse {
  @ApiInteger({ minimum: 0 })
  deleted: number;
}

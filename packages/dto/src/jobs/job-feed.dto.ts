import type * as wire from '@jobs/contracts';
import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { ApiInteger } from '../common/api-schema.js';
import { NameListQuery } from '../common/query-values.js';
import type { JobProgress } from './job.dto.js';
import { OwnerScopeQuery } from './owner-scope.dto.js';

/** `GET /v1/jobs/events`: whose jobs (as on `GET /v1/jobs`) and which types. */
export class JobFeedQuery extends OwnerScopeQuery implements wire.JobFeedQuery {
  /** Only jobs of these types, comma-separated. */
  @IsOptional()
  @NameListQuery()
  type?: string[];

  /**
   * The bearer token of EventSource clients, read by authentication (the `accessToken` security
   * scheme documents it); named here only so that validation lets it through.
   */
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  access_token?: string;
}

/** The data of a `created` event of `GET /v1/jobs/events`: a job was submitted. */
export class JobCreatedEventData implements wire.JobCreatedEventData {
  @ApiProperty({ format: 'uuid' })
  id: string;
  type: string;
  status: wire.JobStatus;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** The data of a `changed` event of `GET /v1/jobs/events`: a job's status or progress changed. */
export class JobChangedEventData implements wire.JobChangedEventData {
  @ApiProperty({ format: 'uuid' })
  id: string;
  type: string;
  status: wire.JobStatus;
  progress: JobProgress | null;
  /** Attempts started so far. */
  @ApiInteger({ minimum: 0 })
  attempts: number;
  /** When the change was made: of two states of a job, the later one. */
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** The data of a `resync` event of `GET /v1/jobs/events`: `{}`. Sent first, once the feed listens, and whenever changes may have been missed: (re)fetch the view. */
export class JobFeedResyncEventData {}

import { JOB_LIMITS } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiOptionalInteger } from '../common/api-schema.js';
import { WebhookRequest } from '../webhooks/webhook.dto.js';
import { ExcludesProperty } from './excludes-property.validator.js';
import { IsJobMaxAttempts, IsJobPriority, IsJobTimeoutSeconds } from './job-settings.validators.js';
import { IsJobMetadata } from './metadata.validator.js';

export class CreateJobRequest implements wire.CreateJobRequest {
  /** A registered job type, see `GET /v1/job-types`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  type: string;

  /** Validated against the job type's payload contract. */
  @IsObject()
  payload: Record<string, unknown>;

  /** Higher runs first. Default 0. */
  @IsJobPriority()
  priority?: number;

  /** When to run, ISO 8601. Excludes `delaySeconds`. */
  @IsOptional()
  @ExcludesProperty('delaySeconds')
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'runAt must be an ISO 8601 date-time' })
  runAt?: string;

  /** Seconds from now to run. Excludes `runAt`. */
  @ApiOptionalInteger({ minimum: 0, maximum: JOB_LIMITS.maxDelaySeconds })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(JOB_LIMITS.maxDelaySeconds)
  delaySeconds?: number;

  @IsJobMaxAttempts()
  maxAttempts?: number;

  @IsJobTimeoutSeconds()
  timeoutSeconds?: number;

  /** Client labels, returned with the job and searchable. */
  @IsOptional()
  @IsJobMetadata()
  metadata?: Record<string, string | number | boolean>;

  /** Notified (a signed POST of the job summary) when the job finishes. */
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookRequest)
  webhook?: WebhookRequest;
}

import type * as wire from '@jobs/contracts';
import { JobStatus } from '@jobs/contracts';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiCounts, ApiInteger } from '../common/api-schema.js';
import { parseBooleanString } from '../common/boolean-string.js';
import { OwnerScopeQuery } from './owner-scope.dto.js';

export class JobStatsQuery extends OwnerScopeQuery implements wire.JobStatsQuery {
  /** Recompute instead of serving the briefly cached figures. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'refresh must be true or false' })
  refresh?: boolean;
}

export class StatusCounts implements wire.StatusCounts {
  @ApiInteger({ minimum: 0 })
  total: number;
  @ApiCounts(Object.values(JobStatus), { every: true })
  byStatus: Record<wire.JobStatus, number>;
}

export class CompletedDurations implements wire.CompletedDurations {
  /** Jobs completed in the last 24 hours. */
  @ApiInteger({ minimum: 0 })
  count: number;
  @ApiInteger({ minimum: 0, nullable: true })
  meanMs: number | null;
  @ApiInteger({ minimum: 0, nullable: true })
  p95Ms: number | null;
}

@ApiExtraModels(StatusCounts)
export class JobStatsResponse implements wire.JobStatsResponse {
  /** Whose jobs: the caller's and their organisation's (`mine`), one owner's (`owner`, admins), or every owner's (`all`, admins). */
  @ApiProperty({ enum: ['mine', 'owner', 'all'] })
  scope: 'mine' | 'owner' | 'all';
  @ApiInteger({ minimum: 0 })
  total: number;
  @ApiCounts(Object.values(JobStatus), { every: true })
  byStatus: Record<wire.JobStatus, number>;
  /** Counts by job type (only types with jobs). */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(StatusCounts) } })
  byType: Record<string, StatusCounts>;
  completedLast24h: CompletedDurations;
  /** How long the longest-waiting runnable PENDING job has waited since its runAt; null when none waits. */
  @ApiInteger({ minimum: 0, nullable: true })
  oldestPendingAgeMs: number | null;
  @ApiProperty({ format: 'date-time' })
  generatedAt: string;
}

import { TIMELINE_BUCKETS, type TimelineBucket } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional } from 'class-validator';
import { ApiInteger } from '../common/api-schema.js';
import { parseBooleanString } from '../common/boolean-string.js';
import { ApiInstantQuery, INSTANT_FORMAT, NameListQuery, parseInstant } from '../common/query-values.js';
import { OwnerScopeQuery } from './owner-scope.dto.js';

/** `GET /v1/jobs/stats/timeline`: a window, a bucket width, types and the scope. */
export class JobStatsTimelineQuery extends OwnerScopeQuery implements wire.JobStatsTimelineQuery {
  @ApiInstantQuery('Start of the window (default: `to` minus 24 hours), rounded down to the start of its bucket.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `from must be ${INSTANT_FORMAT}` })
  from?: Date;

  @ApiInstantQuery('End of the window, exclusive (default: now), rounded up to the next bucket boundary.')
  @IsOptional()
  @Transform(parseInstant)
  @IsDate({ message: `to must be ${INSTANT_FORMAT}` })
  to?: Date;

  /** Bucket width, on UTC boundaries. Default: the finest giving at most 360 buckets (`day` beyond). At most 1,500 buckets. */
  @ApiProperty({ required: false, enum: TIMELINE_BUCKETS })
  @IsOptional()
  @IsIn(TIMELINE_BUCKETS, { message: `bucket must be one of: ${TIMELINE_BUCKETS.join(', ')}` })
  bucket?: TimelineBucket;

  /** Job types, comma-separated. */
  @IsOptional()
  @NameListQuery()
  type?: string[];

  /** Recompute instead of serving the briefly cached figures. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'refresh must be true or false' })
  refresh?: boolean;
}

export class TimelinePoint implements wire.TimelinePoint {
  /** The bucket's start (UTC). */
  @ApiProperty({ format: 'date-time' })
  at: string;
  /** Jobs created in the bucket. */
  @ApiInteger({ minimum: 0 })
  created: number;
  /** Jobs that completed in the bucket. */
  @ApiInteger({ minimum: 0 })
  completed: number;
  /** Jobs that failed for good in the bucket (not attempts that were retried). */
  @ApiInteger({ minimum: 0 })
  failed: number;
  /** Jobs cancelled in the bucket. */
  @ApiInteger({ minimum: 0 })
  cancelled: number;
}

/** How long one type's jobs that completed in the window ran (finishedAt − startedAt of their last attempt). */
export class TypeDurations implements wire.TypeDurations {
  type: string;
  /** Jobs of the type that completed in the window. */
  @ApiInteger({ minimum: 1 })
  count: number;
  /** Median duration in milliseconds (interpolated between ranks, as all three). */
  @ApiInteger({ minimum: 0 })
  p50Ms: number;
  /** 90th percentile, milliseconds. */
  @ApiInteger({ minimum: 0 })
  p90Ms: number;
  /** 99th percentile, milliseconds. */
  @ApiInteger({ minimum: 0 })
  p99Ms: number;
}

export class JobStatsTimelineResponse implements wire.JobStatsTimelineResponse {
  /** The window counted: the requested one widened to whole buckets. */
  @ApiProperty({ format: 'date-time' })
  from: string;
  /** End of the window counted, exclusive. */
  @ApiProperty({ format: 'date-time' })
  to: string;
  @ApiProperty({ enum: TIMELINE_BUCKETS })
  bucket: TimelineBucket;
  /** Every bucket from `from` to `to`, oldest first, empty ones included. */
  points: TimelinePoint[];
  /** By type, for types with jobs completed in the window, in type order. */
  durations: TypeDurations[];
  @ApiProperty({ format: 'date-time' })
  generatedAt: string;
}

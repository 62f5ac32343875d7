import type * as wire from '@jobs/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { parseBooleanString } from '../common/boolean-string.js';

export class JobStatsQuery implements wire.JobStatsQuery {
  /** Admins only: every owner's jobs. */
  @IsOptional()
  @IsIn(['all'], { message: 'scope must be all' })
  scope?: 'all';

  /** Recompute instead of serving the briefly cached figures. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean({ message: 'refresh must be true or false' })
  refresh?: boolean;
}

export class CompletedDurations implements wire.CompletedDurations {
  /** Jobs completed in the last 24 hours. */
  count: number;
  meanMs: number | null;
  p95Ms: number | null;
}

export class JobStatsResponse implements wire.JobStatsResponse {
  scope: 'mine' | 'all';
  total: number;
  byStatus: Record<wire.JobStatus, number>;
  byType: Record<string, wire.StatusCounts>;
  completedLast24h: CompletedDurations;
  /** How long the longest-waiting runnable PENDING job has waited since its runAt; null when none waits. */
  oldestPendingAgeMs: number | null;
  generatedAt: string;
}

import { JOB_LOG_LEVELS, JOB_LOG_LIMITS } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ApiInteger, ApiOptionalInteger } from '../common/api-schema.js';

/** The largest `seq` a job can have: its bound is far below. */
const MAX_SEQ = 2_147_483_647;

/** `GET /v1/jobs/:id/logs`: lines after `after`, `limit` at most. */
export class JobLogsQuery implements wire.JobLogsQuery {
  /** Lines with a larger `seq` (default 0: from the start). */
  @ApiOptionalInteger({ minimum: 0, maximum: MAX_SEQ, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  after?: number;

  /** Lines per page (default 200). */
  @ApiOptionalInteger({ minimum: 1, maximum: JOB_LOG_LIMITS.maxLimit, default: JOB_LOG_LIMITS.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(JOB_LOG_LIMITS.maxLimit)
  limit?: number;
}

/** `GET /v1/jobs/:id/stream`: where its `log` events start. */
export class JobStreamQuery implements wire.JobStreamQuery {
  /**
   * Send the job's log lines after this `seq` first (0: all of them), then new ones. Without it a
   * fresh stream sends only lines logged after it opened; `Last-Event-ID` takes precedence.
   */
  @ApiOptionalInteger({ minimum: 0, maximum: MAX_SEQ })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  logsAfter?: number;

  /**
   * The bearer token of EventSource clients, read by authentication (the `accessToken` security
   * scheme documents it); named here only so that validation lets it through.
   */
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  access_token?: string;
}

/** One line a job's handler logged through its context's logger. */
export class JobLogLine implements wire.JobLogLine {
  /** 1, 2, … in the order the job logged them, across its attempts. */
  @ApiInteger({ minimum: 1 })
  seq: number;
  /** The attempt that logged it: 1 on the first run. */
  @ApiInteger({ minimum: 1 })
  attempt: number;
  @ApiProperty({ enum: JOB_LOG_LEVELS })
  level: wire.JobLogLevel;
  /** When the handler logged it. */
  @ApiProperty({ format: 'date-time' })
  time: string;
  message: string;
  /** The structured fields the handler passed with it, if any. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  fields: Record<string, unknown> | null;
  /** True on the marker line that ends a log which reached its bound: later lines were dropped. */
  truncated: boolean;
}

export class JobLogsResponse implements wire.JobLogsResponse {
  data: JobLogLine[];
  /** The `seq` of the last line returned (pass as `after` for the next page), or `after` when there were none. */
  @ApiInteger({ minimum: 0 })
  lastSeq: number;
  /** More lines follow `lastSeq` already. */
  hasMore: boolean;
}

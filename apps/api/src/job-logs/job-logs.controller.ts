import { ErrorCode, JOB_LOG_LIMITS } from '@jobs/contracts';
import { JobLogsQuery, JobLogsResponse } from '@jobs/dto';
import { JobReads, toJobLogLine } from '@jobs/jobs';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { parseUuid } from '../problems/validation.js';

@ApiTags('jobs')
@Controller('jobs')
export class JobLogsController {
  constructor(private readonly reads: JobReads) {}

  /**
   * The lines the job's handler logged, in order, across its attempts: a page after `after` (a line's
   * `seq`; pass `lastSeq` for the next). A finished job's log is complete; a running job's grows (its
   * stream carries new lines as `log` events). A log that reached the worker's bound ends with one
   * `truncated` line.
   */
  @Get(':id/logs')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  async logs(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string, @Query() query: JobLogsQuery): Promise<JobLogsResponse> {
    const after = query.after ?? 0;
    const limit = query.limit ?? JOB_LOG_LIMITS.defaultLimit;
    const lines = await this.reads.findVisibleLogs(principal, id, after, limit + 1);
    const page = lines.slice(0, limit).map(toJobLogLine);
    return { data: page, lastSeq: page.at(-1)?.seq ?? after, hasMore: lines.length > limit };
  }
}

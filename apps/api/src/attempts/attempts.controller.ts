import { ErrorCode } from '@jobs/contracts';
import { JobAttemptListResponse } from '@jobs/dto';
import { JobReads, toJobAttempt } from '@jobs/jobs';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { parseUuid } from '../problems/validation.js';

@ApiTags('jobs')
@Controller('jobs')
export class AttemptsController {
  constructor(private readonly reads: JobReads) {}

  /**
   * Every attempt of the job, oldest first: its worker, start and end, outcome (`null` while it runs)
   * and error. A manual retry starts a new `run`, numbered from attempt 1 again. Visible to whoever
   * may see the job.
   */
  @Get(':id/attempts')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  async list(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobAttemptListResponse> {
    return { jobId: id, items: (await this.reads.attempts(principal, id)).map(toJobAttempt) };
  }
}

import { ErrorCode } from '@jobs/contracts';
import { JobCatalog, JobResponse, ResultQuery, ResultResponse } from '@jobs/dto';
import { JobReads, toJobResponse, toResultResponse } from '@jobs/jobs';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { parseUuid } from '../problems/validation.js';

@ApiTags('results')
@ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.RESULT_NOT_FOUND)
@Controller('results')
export class ResultsController {
  constructor(
    private readonly reads: JobReads,
    private readonly catalog: JobCatalog,
  ) {}

  /** A result by its own id (`compact=true` for the type's compact form). */
  @Get(':resultId')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('resultId', parseUuid('resultId')) id: string,
    @Query() query: ResultQuery,
  ): Promise<ResultResponse> {
    const { result } = await this.reads.findVisibleResult(principal, id);
    return toResultResponse(result, this.catalog, query.compact ?? false);
  }

  /** The job that produced the result. */
  @Get(':resultId/job')
  async job(@CurrentPrincipal() principal: Principal, @Param('resultId', parseUuid('resultId')) id: string): Promise<JobResponse> {
    const { job, result } = await this.reads.findVisibleResult(principal, id);
    return toJobResponse(job, result);
  }
}

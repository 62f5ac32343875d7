import { ErrorCode, JobCatalog, JobResponse, ResultQuery, ResultResponse } from '@jobs/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { toJobResponse, toResultResponse } from '../jobs/job.presenter.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { parseUuid } from '../problems/validation.js';
import { ResultsService } from './results.service.js';

@ApiTags('results')
@ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.RESULT_NOT_FOUND)
@Controller('results')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly catalog: JobCatalog,
  ) {}

  /** A result by its own id (`compact=true` for the type's compact form). */
  @Get(':resultId')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('resultId', parseUuid('resultId')) id: string,
    @Query() query: ResultQuery,
  ): Promise<ResultResponse> {
    return toResultResponse(await this.results.findVisible(principal, id), this.catalog, query.compact ?? false);
  }

  /** The job that produced the result. */
  @Get(':resultId/job')
  async job(@CurrentPrincipal() principal: Principal, @Param('resultId', parseUuid('resultId')) id: string): Promise<JobResponse> {
    const { job, ...result } = await this.results.findVisible(principal, id);
    return toJobResponse({ ...job, result });
  }
}

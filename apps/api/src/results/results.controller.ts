import { JobCatalog, JobResponse, ResultQuery, ResultResponse } from '@jobs/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { toJobResponse, toResultResponse } from '../jobs/job.presenter.js';
import { parseUuid } from '../problems/validation.js';
import { ResultsService } from './results.service.js';

@Controller('results')
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly catalog: JobCatalog,
  ) {}

  @Get(':resultId')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('resultId', parseUuid('resultId')) id: string,
    @Query() query: ResultQuery,
  ): Promise<ResultResponse> {
    return toResultResponse(await this.results.findVisible(principal, id), this.catalog, query.compact ?? false);
  }

  @Get(':resultId/job')
  async job(@CurrentPrincipal() principal: Principal, @Param('resultId', parseUuid('resultId')) id: string): Promise<JobResponse> {
    const { job, ...result } = await this.results.findVisible(principal, id);
    return toJobResponse({ ...job, result });
  }
}

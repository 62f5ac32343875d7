import {
  CreateJobRequest,
  JobCatalog,
  JobAcceptedResponse,
  JobResponse,
  JobSummary,
  ResultQuery,
  ResultResponse,
} from '@jobs/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { parseUuid } from '../problems/validation.js';
import { jobLinks, toJobResponse, toJobSummary, toResultResponse } from './job.presenter.js';
import { JobsService } from './jobs.service.js';

/** Seconds a client should wait before its first poll. */
const POLL_AFTER_SECONDS = '1';

@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly catalog: JobCatalog,
  ) {}

  @Post()
  @HttpCode(202)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateJobRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobAcceptedResponse> {
    const job = await this.jobs.submit(principal, request);
    const links = jobLinks(job.id);
    response.set({ Location: links.self, 'Retry-After': POLL_AFTER_SECONDS });
    return {
      jobId: job.id,
      status: job.status,
      statusUrl: links.status,
      streamUrl: links.stream,
      message: `Job accepted. Poll ${links.status} or stream ${links.stream}; fetch ${links.result} when it completes.`,
    };
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobResponse> {
    return toJobResponse(await this.jobs.findVisibleWithResult(principal, id));
  }

  @Get(':id/status')
  async status(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobSummary> {
    return toJobSummary(await this.jobs.findVisible(principal, id));
  }

  @Get(':id/result')
  async result(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @Query() query: ResultQuery,
  ): Promise<ResultResponse> {
    return toResultResponse(await this.jobs.findResult(principal, id), this.catalog, query.compact ?? false);
  }
}

import {
  BatchAcceptedResponse,
  CreateJobBatchRequest,
  CreateJobRequest,
  DeleteJobsQuery,
  DeleteJobsResponse,
  JobAcceptedResponse,
  JobCatalog,
  JobListResponse,
  JobResponse,
  JobStatsQuery,
  JobStatsResponse,
  JobSummary,
  ListJobsQuery,
  ResultQuery,
  ResultResponse,
} from '@jobs/contracts';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { parseUuid } from '../problems/validation.js';
import { parseIdempotencyKey } from './idempotency.js';
import { JobControlService } from './job-control.service.js';
import { JobDeletionService } from './job-deletion.service.js';
import { JobListingService } from './job-listing.service.js';
import { JobStatsService } from './job-stats.service.js';
import { jobLinks, toJobResponse, toJobSummary, toResultResponse } from './job.presenter.js';
import { JobsService } from './jobs.service.js';

/** Seconds a client should wait before its first poll. */
const POLL_AFTER_SECONDS = '1';

function accepted(jobId: string): JobAcceptedResponse {
  const links = jobLinks(jobId);
  return {
    jobId,
    status: 'PENDING',
    statusUrl: links.status,
    streamUrl: links.stream,
    message: `Job accepted. Poll ${links.status} or stream ${links.stream}; fetch ${links.result} when it completes.`,
  };
}

@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly listing: JobListingService,
    private readonly statistics: JobStatsService,
    private readonly deletion: JobDeletionService,
    private readonly control: JobControlService,
    private readonly catalog: JobCatalog,
  ) {}

  @Post()
  @HttpCode(202)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateJobRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobAcceptedResponse> {
    const submission = await this.jobs.submit(principal, request, parseIdempotencyKey(idempotencyKey));
    const jobId = submission.jobIds[0] ?? '';
    response.set({ Location: jobLinks(jobId).self, 'Retry-After': POLL_AFTER_SECONDS });
    if (submission.replayed) response.set('Idempotent-Replayed', 'true');
    return accepted(jobId);
  }

  @Post('batch')
  @HttpCode(202)
  async submitBatch(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateJobBatchRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BatchAcceptedResponse> {
    const submission = await this.jobs.submitBatch(principal, request.jobs, parseIdempotencyKey(idempotencyKey));
    response.set('Retry-After', POLL_AFTER_SECONDS);
    if (submission.replayed) response.set('Idempotent-Replayed', 'true');
    return { jobs: submission.jobIds.map(accepted) };
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListJobsQuery): Promise<JobListResponse> {
    return this.listing.list(principal, query);
  }

  @Get('stats')
  stats(@CurrentPrincipal() principal: Principal, @Query() query: JobStatsQuery): Promise<JobStatsResponse> {
    return this.statistics.stats(principal, query);
  }

  /** The caller's own finished jobs matching the filters; at least one date filter. */
  @Delete()
  async deleteMany(@CurrentPrincipal() principal: Principal, @Query() query: DeleteJobsQuery): Promise<DeleteJobsResponse> {
    return { deleted: await this.deletion.deleteOwn(principal, query) };
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

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobSummary> {
    return toJobSummary(await this.control.cancel(principal, id));
  }

  @Post(':id/retry')
  @HttpCode(202)
  async retry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobAcceptedResponse> {
    await this.control.retry(principal, id);
    response.set({ Location: jobLinks(id).self, 'Retry-After': POLL_AFTER_SECONDS });
    return accepted(id);
  }

  @Delete(':id')
  async delete(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<DeleteJobsResponse> {
    await this.deletion.deleteOne(principal, id);
    return { deleted: 1 };
  }
}

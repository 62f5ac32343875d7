import { ErrorCode, type JobAcceptedResponse as AcceptedJob } from '@jobs/contracts';
import {
  BatchAcceptedResponse,
  BulkJobsQuery,
  BulkJobsResponse,
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
  JobStatsTimelineQuery,
  JobStatsTimelineResponse,
  JobSummary,
  ListJobsQuery,
  ResultQuery,
  ResultResponse,
} from '@jobs/dto';
import { JobControl, JobReads, JobSubmission, jobLinks, toJobResponse, toJobSummary, toResultResponse } from '@jobs/jobs';
import { MetricsService } from '@jobs/runtime';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { parseUuid } from '../problems/validation.js';
import { RequestId } from '../requests/request-id.decorator.js';
import { parseIdempotencyKey } from './idempotency.js';
import { BATCH_EXAMPLES, SUBMIT_EXAMPLES } from './request-examples.js';
import { JobBulkService } from './job-bulk.service.js';
import { JobDeletionService } from './job-deletion.service.js';
import { JobListingService } from './job-listing.service.js';
import { JobStatsService } from './job-stats.service.js';

/** Seconds a client should wait before its first poll. */
const POLL_AFTER_SECONDS = '1';

function accepted(jobId: string): AcceptedJob {
  const links = jobLinks(jobId);
  return {
    jobId,
    status: 'PENDING',
    statusUrl: links.status,
    streamUrl: links.stream,
    message: `Job accepted. Poll ${links.status} or stream ${links.stream}; fetch ${links.result} when it completes.`,
  };
}

const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'The same key with the same body answers with the original job(s); with another body, 422.',
};
const JOB_RESPONSE_HEADERS = {
  Location: { description: 'The job', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before the first poll', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when an Idempotency-Key replayed an earlier request', schema: { type: 'string' } },
};
const BODY_PROBLEMS = [ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_JSON, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE] as const;

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly submission: JobSubmission,
    private readonly reads: JobReads,
    private readonly control: JobControl,
    private readonly listing: JobListingService,
    private readonly statistics: JobStatsService,
    private readonly deletion: JobDeletionService,
    private readonly bulk: JobBulkService,
    private readonly catalog: JobCatalog,
    private readonly metrics: MetricsService,
  ) {}

  /** Submit a job: validated against its type's payload contract, then queued. */
  @Post()
  @HttpCode(202)
  @ApiBody({ type: CreateJobRequest, examples: SUBMIT_EXAMPLES })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiAcceptedResponse({ type: JobAcceptedResponse, headers: JOB_RESPONSE_HEADERS })
  @ApiProblems(...BODY_PROBLEMS, ErrorCode.UNKNOWN_JOB_TYPE, ErrorCode.IDEMPOTENCY_KEY_REUSED)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateJobRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobAcceptedResponse> {
    const submission = await this.submission.submit(principal, request, { idempotencyKey: parseIdempotencyKey(idempotencyKey), requestId });
    const jobId = submission.jobs[0]?.id ?? '';
    response.set({ Location: jobLinks(jobId).self, 'Retry-After': POLL_AFTER_SECONDS });
    if (submission.replayed) response.set('Idempotent-Replayed', 'true');
    else this.countSubmitted(submission.jobs);
    return accepted(jobId);
  }

  /** Submit up to 1000 jobs, validated all or nothing, written in one transaction. */
  @Post('batch')
  @HttpCode(202)
  @ApiBody({ type: CreateJobBatchRequest, examples: BATCH_EXAMPLES })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiAcceptedResponse({ type: BatchAcceptedResponse, headers: JOB_RESPONSE_HEADERS })
  @ApiProblems(...BODY_PROBLEMS, ErrorCode.IDEMPOTENCY_KEY_REUSED)
  async submitBatch(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateJobBatchRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BatchAcceptedResponse> {
    const submission = await this.submission.submitBatch(principal, request.jobs, { idempotencyKey: parseIdempotencyKey(idempotencyKey), requestId });
    response.set('Retry-After', POLL_AFTER_SECONDS);
    if (submission.replayed) response.set('Idempotent-Replayed', 'true');
    else this.countSubmitted(submission.jobs);
    return { jobs: submission.jobs.map((job) => accepted(job.id)) };
  }

  /** List jobs: keyset cursor or offset pages, filters and sorts; summaries without payload or result. */
  @Get()
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.INVALID_CURSOR, ErrorCode.FORBIDDEN)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListJobsQuery): Promise<JobListResponse> {
    return this.listing.list(principal, query);
  }

  /** Counts by status and type, durations of recent completed jobs, age of the oldest pending job. */
  @Get('stats')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN)
  stats(@CurrentPrincipal() principal: Principal, @Query() query: JobStatsQuery): Promise<JobStatsResponse> {
    return this.statistics.stats(principal, query);
  }

  /** Jobs created, completed, failed and cancelled per time bucket, and completed jobs' duration percentiles by type. */
  @Get('stats/timeline')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN)
  statsTimeline(@CurrentPrincipal() principal: Principal, @Query() query: JobStatsTimelineQuery): Promise<JobStatsTimelineResponse> {
    return this.statistics.statsTimeline(principal, query);
  }

  /** The caller's own finished jobs matching the filters; at least one date filter. */
  @Delete()
  @ApiProblems(ErrorCode.VALIDATION_FAILED)
  async deleteMany(@CurrentPrincipal() principal: Principal, @Query() query: DeleteJobsQuery): Promise<DeleteJobsResponse> {
    return { deleted: await this.deletion.deleteOwn(principal, query) };
  }

  /** Retry your FAILED and CANCELLED jobs matching the list's filters, in batches (a filter or `all=true`; `dryRun=true` counts). */
  @Post('retry')
  @HttpCode(200)
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN)
  retryMatching(@CurrentPrincipal() principal: Principal, @Query() query: BulkJobsQuery, @RequestId() requestId: string | undefined): Promise<BulkJobsResponse> {
    return this.bulk.retry(principal, query, requestId);
  }

  /** Cancel your PENDING and PROCESSING jobs matching the list's filters, in batches (a filter or `all=true`; `dryRun=true` counts). */
  @Post('cancel')
  @HttpCode(200)
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN)
  cancelMatching(@CurrentPrincipal() principal: Principal, @Query() query: BulkJobsQuery): Promise<BulkJobsResponse> {
    return this.bulk.cancel(principal, query);
  }

  /** The whole job, with its payload and, once completed, its result inline. */
  @Get(':id')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobResponse> {
    const { job, result } = await this.reads.findVisibleWithResult(principal, id);
    return toJobResponse(job, result);
  }

  /** The job without payload or result: the cheap thing to poll. */
  @Get(':id/status')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  async status(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobSummary> {
    return toJobSummary(await this.reads.findVisible(principal, id));
  }

  /** The job's result (`compact=true` for the type's compact form); 409 until it completes. */
  @Get(':id/result')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_NOT_COMPLETED)
  async result(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @Query() query: ResultQuery,
  ): Promise<ResultResponse> {
    return toResultResponse(await this.reads.findResult(principal, id), this.catalog, query.compact ?? false);
  }

  /** Pending or running → CANCELLED; a running handler's AbortSignal fires. */
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN, ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_ALREADY_FINISHED)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<JobSummary> {
    const cancelled = await this.control.cancel(principal, id);
    // A running job is counted by the worker whose handler it stops; a pending one never reaches a worker.
    if (cancelled.previousStatus === 'PENDING') this.metrics.jobsFinished.inc({ type: cancelled.type, status: cancelled.status });
    return toJobSummary(cancelled);
  }

  /** A FAILED or CANCELLED job is queued again: same id, attempts reset. */
  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedResponse, headers: JOB_RESPONSE_HEADERS })
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN, ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_NOT_RETRYABLE)
  async retry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', parseUuid('id')) id: string,
    @RequestId() requestId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobAcceptedResponse> {
    await this.control.retry(principal, id, requestId);
    response.set({ Location: jobLinks(id).self, 'Retry-After': POLL_AFTER_SECONDS });
    return accepted(id);
  }

  /** Deletes the job, its result and its queue entry (a running job is cancelled first). */
  @Delete(':id')
  @ApiProblems(ErrorCode.VALIDATION_FAILED, ErrorCode.FORBIDDEN, ErrorCode.JOB_NOT_FOUND)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id', parseUuid('id')) id: string): Promise<DeleteJobsResponse> {
    await this.control.delete(principal, id);
    return { deleted: 1 };
  }

  private countSubmitted(jobs: readonly { type: string }[]): void {
    for (const job of jobs) this.metrics.jobsSubmitted.inc({ type: job.type });
  }
}

// The server's side of the wire format: class-validator request classes, response classes the
// @nestjs/swagger plugin describes in the OpenAPI document, and the job catalog. Each class
// implements its wire type from @jobs/contracts under the same name, so a wire type the class no
// longer fits fails compilation here, and the document's schema names are the wire types' names.
import 'reflect-metadata';

export { FieldError, ProblemDetails } from './errors/problem.dto.js';
export { ApiIndex, ApiIndexLinks } from './common/api-index.dto.js';
export { CallerResponse } from './callers/caller.dto.js';
export { CreateJobRequest } from './jobs/create-job.dto.js';
export { BatchAcceptedResponse, CreateJobBatchRequest } from './jobs/batch.dto.js';
export { AdminDeleteJobsQuery, DeleteJobsQuery, DeleteJobsResponse } from './jobs/delete-jobs.dto.js';
export { CompletedDurations, JobStatsQuery, JobStatsResponse } from './jobs/job-stats.dto.js';
export { JobStatsTimelineQuery, JobStatsTimelineResponse, TimelinePoint, TypeDurations } from './jobs/job-stats-timeline.dto.js';
export { JobLogLine, JobLogsQuery, JobLogsResponse, JobStreamQuery } from './jobs/job-logs.dto.js';
export { JobListResponse, ListJobsQuery } from './jobs/list-jobs.dto.js';
export { JobFilterQuery } from './jobs/job-filter-query.dto.js';
export { BulkJobsQuery, BulkJobsResponse, BulkSkipped } from './jobs/bulk-jobs.dto.js';
export { JobChangedEventData, JobCreatedEventData, JobFeedQuery, JobFeedResyncEventData } from './jobs/job-feed.dto.js';
export { JobAcceptedResponse, JobError, JobLinks, JobProgress, JobResponse, JobSummary } from './jobs/job.dto.js';
export { AttemptWorker, JobAttempt, JobAttemptListResponse } from './jobs/job-attempts.dto.js';
export { ResultLinks, ResultResponse } from './results/result.dto.js';
export {
  CreateScheduleRequest,
  DeleteScheduleResponse,
  ListSchedulesQuery,
  ScheduleDetailResponse,
  ScheduledJob,
  ScheduledJobLinks,
  ScheduleLinks,
  ScheduleListResponse,
  ScheduleResponse,
  UpdateScheduleRequest,
} from './schedules/schedule.dto.js';
export { ResultQuery } from './results/result-query.dto.js';
export { JobWebhook, WebhookRequest } from './webhooks/webhook.dto.js';
export { parseBooleanString } from './common/boolean-string.js';
export { parseCommaList, parseInstant } from './common/query-values.js';
export {
  defineJobType,
  fairnessOf,
  flattenValidationErrors,
  rateLimitOf,
  validatePayload,
  type JobTypeDefaults,
  type JobTypeDefinition,
  type JobTypeSwitch,
  type PayloadValidation,
} from './job-types/job-type.js';
export { JobCatalog, type JobCatalogOptions } from './job-types/catalog.js';
export { FairnessSettings, JobTypeInfo, JobTypeListResponse, RateLimitSettings } from './job-types/job-type-info.dto.js';
export { DEFAULT_FAIRNESS, parseFairnessOverrides, parseRateLimitOverrides, type JobTypeOverrides } from './job-types/job-type-overrides.js';
export { payloadJsonSchema } from './job-types/payload-schema.js';
export * from './job-types/definitions.js';
export { sampleAnalyzeJobType } from './job-types/sample-analyze/sample-analyze.dto.js';

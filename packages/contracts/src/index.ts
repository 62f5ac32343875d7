// The API's wire format: types and pure functions only, no runtime dependencies and no platform
// APIs beyond what browsers and Node share, so an SDK or a web page can use it as well as the server.
export { ERROR_CODES, ErrorCode, JobErrorCode, errorCodeForStatus, type ErrorCodeInfo } from './errors/error-codes.js';
export { problemType, type FieldError, type ProblemDetails } from './errors/problem.js';
export type { ApiIndex, ApiIndexLinks } from './common/api-index.js';
export type { CallerResponse } from './callers/caller.js';
export { JobStatus, TERMINAL_JOB_STATUSES, isTerminalStatus } from './jobs/job-status.js';
export { JOB_LIMITS, type CreateJobRequest } from './jobs/create-job.js';
export { MAX_BATCH_SIZE, type BatchAcceptedResponse, type CreateJobBatchRequest } from './jobs/batch.js';
export type { JobAcceptedResponse, JobError, JobLinks, JobProgress, JobResponse, JobSummary } from './jobs/job.js';
export { JOB_LOG_LEVELS, JOB_LOG_LIMITS, type JobLogLevel, type JobLogLine, type JobLogsQuery, type JobLogsResponse, type JobStreamQuery } from './jobs/job-logs.js';
export { AttemptOutcome, type AttemptWorker, type JobAttempt, type JobAttemptListResponse } from './jobs/job-attempts.js';
export type { JobStatusEventData, JobStreamErrorData, JobStreamEvent, PingEventData } from './jobs/job-stream-events.js';
export type { JobChangedEventData, JobCreatedEventData, JobFeedEvent, JobFeedQuery, JobFeedResyncEventData } from './jobs/job-feed-events.js';
export {
  JOB_SORT_FIELDS,
  LIST_LIMITS,
  SORT_ORDERS,
  type JobFilterQuery,
  type JobListResponse,
  type JobSortField,
  type ListJobsQuery,
  type SortOrder,
} from './jobs/list-jobs.js';
export type { CompletedDurations, JobStatsQuery, JobStatsResponse, StatusCounts } from './jobs/job-stats.js';
export {
  TIMELINE_BUCKETS,
  TIMELINE_LIMITS,
  type JobStatsTimelineQuery,
  type JobStatsTimelineResponse,
  type TimelineBucket,
  type TimelinePoint,
  type TypeDurations,
} from './jobs/job-stats-timeline.js';
export type { BulkJobsQuery, BulkJobsResponse, BulkSkipped } from './jobs/bulk-jobs.js';
export type { AdminDeleteJobsQuery, DeleteJobsQuery, DeleteJobsResponse } from './jobs/delete-jobs.js';
export { METADATA_LIMITS, metadataProblem } from './jobs/metadata.js';
export type { ResultLinks, ResultQuery, ResultResponse } from './results/result.js';
export type { JobWebhook, WebhookRequest } from './webhooks/webhook.js';
export { WEBHOOK_HEADERS, verifyWebhook, webhookSignature } from './webhooks/webhook-signature.js';
export type { QueryInstant } from './common/query-values.js';
export { MAX_JSON_DEPTH, jsonDepthExceeds } from './common/json-depth.js';
export { nulCharacterPath } from './common/nul-characters.js';
export type { FairnessGroup, FairnessSettings, JobTypeInfo, JobTypeListResponse, RateLimitSettings, RatePeriod } from './job-types/job-type-info.js';
export {
  SCHEDULE_LIMITS,
  type CreateScheduleRequest,
  type DeleteScheduleResponse,
  type ListSchedulesQuery,
  type ScheduleDetailResponse,
  type ScheduleLinks,
  type ScheduleListResponse,
  type ScheduleResponse,
  type ScheduledJob,
  type UpdateScheduleRequest,
} from './schedules/schedule.js';
// Each job type's payload, result and names: a line per type.
export * from './job-types/text-indicators.js';
export * from './job-types/domain-similar.js';
export * from './job-types/sample-analyze.js';
export * from './job-types/diagnostics-sleep.js';
export * from './job-types/bench-noop.js';

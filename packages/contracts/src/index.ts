import 'reflect-metadata';

export { ERROR_CODE_STATUS, ErrorCode, JobErrorCode, errorCodeForStatus } from './errors/error-codes.js';
export { FieldError, ProblemDetails } from './errors/problem.dto.js';
export { JobStatus, TERMINAL_JOB_STATUSES, isTerminalStatus } from './jobs/job-status.js';
export { CreateJobRequest, JOB_LIMITS } from './jobs/create-job.dto.js';
export { BatchAcceptedResponse, CreateJobBatchRequest, MAX_BATCH_SIZE } from './jobs/batch.dto.js';
export { AdminDeleteJobsQuery, DeleteJobsQuery, DeleteJobsResponse } from './jobs/delete-jobs.dto.js';
export { CompletedDurations, JobStatsQuery, JobStatsResponse, StatusCounts } from './jobs/job-stats.dto.js';
export {
  JOB_SORT_FIELDS,
  JobListResponse,
  LIST_LIMITS,
  ListJobsQuery,
  SORT_ORDERS,
  type JobSortField,
  type SortOrder,
} from './jobs/list-jobs.dto.js';
export { METADATA_LIMITS, metadataProblem } from './jobs/metadata.validator.js';
export { JobAcceptedResponse, JobError, JobLinks, JobProgress, JobResponse, JobSummary } from './jobs/job.dto.js';
export { JobStatusEventData, JobStreamErrorData, PingEventData, type JobStreamEvent } from './jobs/job-stream-events.dto.js';
export { ResultLinks, ResultResponse } from './results/result.dto.js';
export { ResultQuery } from './results/result-query.dto.js';
export { parseBooleanString } from './common/boolean-string.js';
export { parseCommaList, parseInstant } from './common/query-values.js';
export { MAX_JSON_DEPTH, jsonDepthExceeds } from './common/json-depth.js';
export {
  defineJobType,
  flattenValidationErrors,
  validatePayload,
  type JobTypeDefaults,
  type JobTypeDefinition,
  type PayloadValidation,
} from './job-types/job-type.js';
export {
  BENCH_NOOP,
  BENCHMARK_JOB_TYPES,
  BUILT_IN_JOB_TYPES,
  DIAGNOSTICS_SLEEP,
  DIAGNOSTIC_JOB_TYPES,
  DOMAIN_SIMILAR,
  JobCatalog,
  SAMPLE_ANALYZE,
  sampleAnalyzeJobType,
  TEXT_INDICATORS,
} from './job-types/catalog.js';
export { DiagnosticsSleepPayload, DiagnosticsSleepResult } from './job-types/diagnostics/diagnostics-sleep.dto.js';
export { BenchNoopPayload, BenchNoopResult } from './job-types/bench/bench-noop.dto.js';
export {
  DOMAIN_FUZZERS,
  DOMAIN_SIMILAR_LIMITS,
  DomainSimilarPayload,
  DomainVariant,
  SimilarDomainsCompactResult,
  SimilarDomainsResult,
  type DomainFuzzer,
} from './job-types/domain-similar/domain-similar.dto.js';
export { JobTypeInfo, JobTypeListResponse } from './job-types/job-type-info.dto.js';
export {
  decodedBase64Length,
  ElfFacts,
  ExecutableSection,
  FoundString,
  PeFacts,
  SAMPLE_LIMITS,
  SampleAnalyzePayload,
  SampleFileType,
  SampleReport,
  SampleReportCompact,
  SampleStrings,
  samplePayloadWithLimit,
} from './job-types/sample-analyze/sample-analyze.dto.js';
export { payloadJsonSchema } from './job-types/payload-schema.js';
export {
  INDICATOR_KINDS,
  Indicator,
  IndicatorsCompactResult,
  IndicatorsResult,
  TextIndicatorsPayload,
  type IndicatorKind,
} from './job-types/text-indicators/text-indicators.dto.js';
export { JobWebhook, WebhookRequest } from './webhooks/webhook.dto.js';
export { WEBHOOK_HEADERS, verifyWebhook, webhookSignature } from './webhooks/webhook-signature.js';

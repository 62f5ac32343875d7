export { EnvironmentError, IntegerSetting, loadEnvironment } from './environment.js';
export { QueueModule } from './queue.module.js';
export { QUEUE_SCHEMA, QueueService, type QueueOptions, type WorkLoopOptions } from './queue.service.js';
export {
  EXPIRY_GRACE_SECONDS,
  HEARTBEAT_SECONDS,
  queueNameFor,
  queueOptionsFor,
  WEBHOOK_QUEUE,
  jobInsertFor,
  type QueueMessage,
  type QueuedJobSpec,
} from './queue.options.js';
export { exitOnSignals } from './shutdown.js';
export { CommonEnvironment, loggingOptionsFor } from './common-environment.js';
export { jobLinks, toJobSummary, type JobSummaryRow } from './job-summary.js';
export { WebhookTargetPolicy, isNonPublicAddress } from './webhook-target.js';
export { MetricsModule } from './metrics.module.js';
export { MetricsService, type MetricsOptions } from './metrics.service.js';
export { PlatformHealthIndicators, PlatformHealthModule } from './health.module.js';
export { LoggingModule, REQUEST_ID_HEADER, requestIdFor, type LoggingOptions } from './logging.module.js';

import type { ConnectionUrls } from '@jobs/database';
import type { JobCatalog } from '@jobs/dto';
import type { JobLogBound } from './logs/insert-job-logs.js';

/** Jobs retried or cancelled per transaction: each retry also replaces a queue entry, so batches stay short. */
export const BULK_BATCH_SIZE = 500;

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/** How a process uses the job domain. */
export interface JobsOptions extends ConnectionUrls {
  /** `api` submits, reads and controls jobs; `worker` also runs them and keeps the queue maintained. */
  role: 'api' | 'worker';
  /** Connections of pg-boss's own pool in this process. */
  poolSize?: number;
  /** The job types this deployment accepts and runs. */
  catalog: JobCatalog;
  /** Webhook hosts (names or addresses) allowed although they are loopback or private. */
  webhookAllowedHosts: readonly string[];
  /** Signs the webhooks of jobs submitted without a secret of their own. */
  webhookDefaultSecret?: string;
  /** Jobs per transaction when retrying or cancelling by filter (default {@link BULK_BATCH_SIZE}). */
  bulkBatchSize?: number;
  /** Worker only: how often pg-boss maintenance and the lost-worker sweep run. */
  superviseIntervalSeconds?: number;
  /** The shortest time between two firings of a schedule (default 60 s): the API refuses more frequent expressions, workers never fire sooner. */
  scheduleMinIntervalSeconds?: number;
  /** Worker only: how long a stopping worker lets running jobs finish before giving them back. */
  shutdownTimeoutMs?: number;
  /** Worker only: how much of each job's log is kept (default 1,000 lines, 256 KiB). */
  logBound?: JobLogBound;
}

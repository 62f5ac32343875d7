import { CommonEnvironment, IntegerSetting } from '@jobs/runtime';
import { Expose, Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Matches, Min } from 'class-validator';
import { AGE_BY_TYPE_PATTERN, AGE_FORMAT, AGE_PATTERN } from '../retention/retention-settings.js';

export class WorkerEnvironment extends CommonEnvironment {
  /** Jobs of each type this process runs at once. */
  @IntegerSetting(1, 256)
  WORKER_CONCURRENCY: number = 4;

  /** Polling for retries and delayed jobs; new jobs arrive by LISTEN/NOTIFY. */
  @Expose()
  @Type(() => Number)
  @IsNumber()
  @Min(0.5)
  WORKER_POLL_INTERVAL_SECONDS: number = 2;

  /** On SIGTERM, how long running jobs may finish before they are handed back to the queue. */
  @IntegerSetting(1)
  WORKER_SHUTDOWN_TIMEOUT_SECONDS: number = 30;

  /** How often pg-boss maintenance runs: a killed worker's job is retried within this plus 10 s. */
  @IntegerSetting(1)
  WORKER_SUPERVISE_INTERVAL_SECONDS: number = 15;

  /** Lines of a job's own log kept (across its attempts); then one `truncated` marker line, and no more. */
  @IntegerSetting(1, 1_000_000)
  WORKER_LOG_MAX_LINES: number = 1000;

  /** Bytes (messages plus fields' JSON) of a job's own log kept; then one `truncated` marker line, and no more. */
  @IntegerSetting(1024, 64 * 1024 * 1024)
  WORKER_LOG_MAX_BYTES: number = 256 * 1024;

  /** How long a webhook receiver may take to answer before the delivery counts as failed. */
  @IntegerSetting(1)
  WEBHOOK_TIMEOUT_SECONDS: number = 10;

  /** Port for probes and metrics (`/health/live`, `/health/ready`, `/metrics`); none when unset. */
  @IsOptional()
  @IntegerSetting(0, 65535)
  WORKER_HTTP_PORT?: number;

  @Expose()
  @IsString()
  WORKER_HTTP_HOST: string = '0.0.0.0';

  /** Finished jobs (of types without an age of their own) are purged this long after finishing; kept for ever when unset. */
  @Expose()
  @IsOptional()
  @Matches(AGE_PATTERN, { message: `JOB_RETENTION must be ${AGE_FORMAT}` })
  JOB_RETENTION?: string;

  /** Ages per job type, `type=age` comma-separated; `off` keeps a type's jobs whatever JOB_RETENTION says. */
  @Expose()
  @IsOptional()
  @Matches(AGE_BY_TYPE_PATTERN, { message: `JOB_RETENTION_BY_TYPE must be type=age pairs, comma-separated, each age ${AGE_FORMAT} or off` })
  JOB_RETENTION_BY_TYPE?: string;

  /** How often each worker tries a retention run; one runs at a time across all workers. */
  @IntegerSetting(1)
  JOB_RETENTION_INTERVAL_SECONDS: number = 300;
}

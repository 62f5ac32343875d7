import { setTimeout as sleep } from 'node:timers/promises';
import { JobCatalog, JobErrorCode, validatePayload } from '@jobs/contracts';
import { EXPIRY_GRACE_SECONDS, MetricsService, type QueueMessage, QueueService, queueNameFor } from '@jobs/runtime';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Job as QueueJob } from 'pg-boss';
import { WorkerEnvironment } from '../config/worker-environment.js';
import { buildHandlerRegistry } from './handler-registry.js';
import { JOB_HANDLERS, type JobContext, type JobHandler } from './job-handler.js';
import { JobFailure } from './job-failure.js';
import { type ClaimedJob, JobLifecycleService } from './job-lifecycle.service.js';
import { RunningJobs } from './running-jobs.js';
import { ProgressReporter, toJobProgress } from './progress-reporter.js';

/** How long an aborted handler may take to stop before its job is released: less than pg-boss's expiry grace. */
const HANDLER_SETTLE_MS = (EXPIRY_GRACE_SECONDS - 5) * 1000;

/** Pulls jobs from pg-boss, one queue per job type, and drives each through its handler. */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobRunnerService.name);
  private readonly handlers: ReadonlyMap<string, JobHandler>;

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    private readonly queue: QueueService,
    private readonly lifecycle: JobLifecycleService,
    private readonly env: WorkerEnvironment,
    private readonly running: RunningJobs,
    private readonly metrics: MetricsService,
    private readonly logs: PinoLogger,
    catalog: JobCatalog,
  ) {
    this.handlers = buildHandlerRegistry(catalog.definitions, handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const type of this.handlers.keys()) {
      await this.queue.work(
        queueNameFor(type),
        {
          concurrency: this.env.WORKER_CONCURRENCY,
          pollingIntervalSeconds: this.env.WORKER_POLL_INTERVAL_SECONDS,
          // pg-boss waits a polling interval between fetches even after one returned a job; while
          // its queue statistics show a backlog, each fetch loop goes straight on to the next job.
          burstWhenReadyExceeds: 1,
        },
        async (queueJob) => {
          // Every log line of the job, the handler's included, carries its id and the submitting request's id.
          const { jobId, requestId } = queueJob.data;
          await this.logs.runInContext(() => this.run(queueJob), { bindings: { jobId, type, ...(requestId ? { requestId } : {}) } });
        },
      );
    }
    this.logger.log(`working on ${[...this.handlers.keys()].join(', ')} with concurrency ${this.env.WORKER_CONCURRENCY}`);
  }

  /**
   * Resolving completes the queue entry; throwing hands it back to pg-boss, which retries with
   * backoff while attempts remain. A delivery whose row is already finished or gone does nothing.
   */
  async run(queueJob: QueueJob<QueueMessage>): Promise<void> {
    const job = await this.lifecycle.claim(queueJob.data.jobId);
    if (!job) return;
    const handler = this.handlers.get(job.type);
    if (!handler) throw new Error(`no handler for job type ${job.type}`);
    const logger = new Logger('Job');

    const validation = await validatePayload(handler.definition, job.payload);
    if (!validation.valid) {
      const detail = validation.errors.map((error) => error.message).join('; ');
      await this.lifecycle.recordFailure(job, new JobFailure(JobErrorCode.INVALID_PAYLOAD, detail, false), true);
      this.recordEnd(job, 'FAILED', 0);
      return;
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(JobFailure.timeout(job.timeoutSeconds)), job.timeoutSeconds * 1000);
    const onQueueAbort = (): void => controller.abort(new JobFailure('WorkerStopped', 'The worker gave the job up before it finished'));
    queueJob.signal.addEventListener('abort', onQueueAbort, { once: true });
    const forget = this.running.register(job.id, controller);
    const progress = new ProgressReporter((value) => this.lifecycle.reportProgress(job, value));
    const context: JobContext = {
      jobId: job.id,
      attempt: job.attempt,
      signal: controller.signal,
      progress: (current, total, message) => progress.report(toJobProgress(current, total, message)),
      logger,
    };
    const startedAt = performance.now();
    const work = handler.handle(validation.payload, context);
    try {
      const result = await untilAborted(work, controller.signal);
      await progress.flush().catch((error: unknown) => logger.warn(`progress write failed: ${String(error)}`));
      const stored = await this.lifecycle.complete(job, handler.definition.resultType, result);
      const elapsed = Math.round(performance.now() - startedAt);
      if (stored) {
        this.recordEnd(job, 'COMPLETED', elapsed);
        logger.log(`completed in ${elapsed} ms (attempt ${job.attempt})`);
      }
      else logger.warn('finished after losing its claim (cancelled, deleted or redelivered); result discarded');
    } catch (error) {
      await progress.flush().catch(() => undefined);
      const failure = JobFailure.from(error);
      if (failure.code === JobErrorCode.CANCELLED) {
        // The row is CANCELLED already; resolving settles the queue entry without a retry.
        logger.log('cancelled while running; whatever the handler returns is discarded');
        this.recordEnd(job, 'CANCELLED', performance.now() - startedAt);
        return;
      }
      if (await this.fail(job, failure, logger)) this.recordEnd(job, 'FAILED', performance.now() - startedAt);
      if (controller.signal.aborted) await this.outlast(work, logger);
      throw error;
    } finally {
      clearTimeout(timer);
      queueJob.signal.removeEventListener('abort', onQueueAbort);
      forget();
    }
  }

  /**
   * A handler aborted (on timeout) may still be running if it ignores its signal. Its queue entry is
   * held until it settles, so no second copy starts beside it; but not past the point where pg-boss
   * would expire the entry and retry anyway.
   */
  private async outlast(work: Promise<unknown>, logger: Logger): Promise<void> {
    const settled = await Promise.race([work.then(() => true, () => true), sleep(HANDLER_SETTLE_MS).then(() => false)]);
    if (!settled) logger.warn(`the handler ignored its abort signal for ${HANDLER_SETTLE_MS} ms; releasing the job for a retry`);
  }

  /** Records the attempt's failure; true when it was the job's last. */
  private async fail(job: ClaimedJob, failure: JobFailure, logger: Logger): Promise<boolean> {
    const final = !failure.retryable || job.attempt >= job.maxAttempts;
    await this.lifecycle.recordFailure(job, failure, final);
    const outcome = final ? 'failed for good' : `will retry (attempt ${job.attempt} of ${job.maxAttempts})`;
    logger.warn(`${failure.code}: ${failure.message}; ${outcome}`);
    return final;
  }

  private recordEnd(job: ClaimedJob, status: 'COMPLETED' | 'FAILED' | 'CANCELLED', elapsedMs: number): void {
    this.metrics.jobsFinished.inc({ type: job.type, status });
    this.metrics.jobDuration.observe({ type: job.type, status }, elapsedMs / 1000);
  }
}

/**
 * Settles with the handler, or rejects with the abort reason as soon as the signal fires: a handler
 * that ignores its signal cannot hold the job past its timeout, and what it returns later is dropped.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

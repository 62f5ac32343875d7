import { JobCatalog, validatePayload } from '@jobs/dto';
import { type AttemptOutcome, type AttemptRunner, type AttemptSettlement, type ClaimedJob, JobExecution, JobFailure, toJobProgress } from '@jobs/jobs';
import { MetricsService } from '@jobs/runtime';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { WorkerEnvironment } from '../config/worker-environment.js';
import { JOB_HANDLERS, type JobContext, type JobHandler } from './job-handler.js';
import { JobLogger } from './job-logger.js';

/** Runs each claimed job through its type's handler: payload checked, timeout enforced, progress and logs carried. */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, AttemptRunner {
  private readonly logger = new Logger(JobRunnerService.name);

  constructor(
    @Inject(JOB_HANDLERS) private readonly handlers: ReadonlyMap<string, JobHandler>,
    private readonly catalog: JobCatalog,
    private readonly execution: JobExecution,
    private readonly env: WorkerEnvironment,
    private readonly metrics: MetricsService,
    private readonly logs: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    for (const type of this.handlers.keys()) {
      this.execution.work(type, { concurrency: this.env.WORKER_CONCURRENCY, pollIntervalSeconds: this.env.WORKER_POLL_INTERVAL_SECONDS }, this);
    }
    this.logger.log(`working on ${[...this.handlers.keys()].join(', ')} with concurrency ${this.env.WORKER_CONCURRENCY}`);
  }

  /** Every log line of the job, the handler's included, carries its id, its type and the submitting request's id. */
  run(job: ClaimedJob): Promise<AttemptOutcome> {
    return this.logs.runInContext(() => this.attempt(job), { bindings: this.bindings(job) });
  }

  settled(job: ClaimedJob, settlement: AttemptSettlement): void {
    this.logs.runInContext(() => this.report(job, settlement), { bindings: this.bindings(job) });
  }

  private async attempt(job: ClaimedJob): Promise<AttemptOutcome> {
    const handler = this.handlers.get(job.type);
    const definition = this.catalog.find(job.type);
    if (!handler || !definition) return { status: 'failed', failure: new JobFailure('NoHandler', `no handler for job type ${job.type}`) };
    // The deployment's definition: sample.analyze's payload carries this deployment's SAMPLE_MAX_BYTES.
    const validation = await validatePayload(definition, job.payload);
    if (!validation.valid) return { status: 'failed', failure: JobFailure.invalidPayload(validation.errors.map((error) => error.message).join('; ')) };

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(JobFailure.timeout(job.timeoutSeconds)), job.timeoutSeconds * 1000);
    const signal = AbortSignal.any([job.signal, timeout.signal]);
    const context: JobContext = {
      jobId: job.id,
      attempt: job.attempt,
      signal,
      progress: (current, total, message) => job.reportProgress(toJobProgress(current, total, message)),
      logger: new JobLogger(job),
    };
    const work = handler.handle(validation.payload, context);
    try {
      return { status: 'completed', data: await untilAborted(work, signal) };
    } catch (error) {
      // An aborted handler may go on running: the job's queue entry is held until it settles.
      return { status: 'failed', failure: JobFailure.from(error), ...(signal.aborted ? { handlerSettled: work } : {}) };
    } finally {
      clearTimeout(timer);
    }
  }

  private report(job: ClaimedJob, settlement: AttemptSettlement): void {
    const logger = new Logger('Job');
    switch (settlement.status) {
      case 'COMPLETED':
        this.recordEnd(job, 'COMPLETED', settlement.durationMs);
        logger.log(`completed in ${settlement.durationMs} ms (attempt ${job.attempt})`);
        return;
      case 'DISCARDED':
        logger.warn('finished after losing its claim (cancelled, deleted or redelivered); result discarded');
        return;
      case 'CANCELLED':
        logger.log('cancelled while running; whatever the handler returns is discarded');
        this.recordEnd(job, 'CANCELLED', settlement.durationMs);
        return;
      case 'FAILED':
      case 'RETRYING': {
        const { failure } = settlement;
        const outcome = settlement.status === 'FAILED' ? 'failed for good' : `will retry (attempt ${job.attempt} of ${job.maxAttempts})`;
        logger.warn(`${failure.code}: ${failure.message}; ${outcome}`);
        if (settlement.status === 'FAILED' && settlement.recorded) this.recordEnd(job, 'FAILED', settlement.durationMs);
        return;
      }
      case 'UNRECORDED':
        return;
    }
  }

  private bindings(job: ClaimedJob): Record<string, string> {
    return { jobId: job.id, type: job.type, ...(job.requestId ? { requestId: job.requestId } : {}) };
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

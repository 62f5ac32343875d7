import type { LoggerService, Type } from '@nestjs/common';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** Fires on timeout, cancellation or shutdown: stop work and throw `signal.reason`. */
  signal: AbortSignal;
  /** Records progress; writes are coalesced, so calling it often is cheap. */
  progress(current: number, total?: number | null, message?: string | null): void;
  /**
   * Logs to the process log and to the job's own log (`GET /v1/jobs/:id/logs`, `log` events on its
   * stream): `logger.log('message', { fields })`, or pino's order `logger.log({ fields }, 'message')`.
   * Lines are written in batches; the job's log is bounded (WORKER_LOG_MAX_LINES / _BYTES).
   */
  logger: LoggerService;
}

/** Runs one job type; the payload arrives validated against the type's contract. */
export interface JobHandler<Payload extends object = object, ResultData extends object = object> {
  handle(payload: Payload, context: JobContext): Promise<ResultData>;
}

/**
 * A handler class: a `*.handler.ts` file under `handlers/` exporting it is all the registration it
 * needs (see discoverHandlers); `jobType` names the catalog entry it runs.
 */
export interface JobHandlerClass extends Type<JobHandler> {
  readonly jobType: string;
}

/** The handlers of the deployment's job types, by type. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

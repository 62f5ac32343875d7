import type { JobTypeDefinition } from '@jobs/contracts';
import type { LoggerService } from '@nestjs/common';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** Fires on timeout, cancellation or shutdown: stop work and throw `signal.reason`. */
  signal: AbortSignal;
  /** Records progress; writes are coalesced, so calling it often is cheap. */
  progress(current: number, total?: number | null, message?: string | null): void;
  logger: LoggerService;
}

/** Runs one job type. Register the class in `handlers/index.ts`. */
export interface JobHandler<Payload extends object = object, ResultData extends object = object> {
  readonly definition: JobTypeDefinition<Payload, ResultData>;
  handle(payload: Payload, context: JobContext): Promise<ResultData>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

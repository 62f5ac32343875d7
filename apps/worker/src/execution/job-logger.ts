import type { JobLogLevel } from '@jobs/contracts';
import type { ClaimedJob } from '@jobs/jobs';
import { Logger, type LoggerService } from '@nestjs/common';

/**
 * A handler's logger: each line goes to the process log as before (with the job's id, type and
 * request id, from the runner's context) and into the job's own log, with its structured fields:
 * `log('message', { fields })`, pino's order `log({ fields }, 'message')`, or an Error.
 */
export class JobLogger implements LoggerService {
  private readonly process = new Logger('Job');

  constructor(private readonly job: Pick<ClaimedJob, 'log'>) {}

  log(message: unknown, ...params: unknown[]): void {
    this.process.log(message, ...params);
    this.record('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.process.error(message, ...params);
    this.record('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.process.warn(message, ...params);
    this.record('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.process.debug(message, ...params);
    this.record('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.process.verbose(message, ...params);
    this.record('debug', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.process.fatal(message, ...params);
    this.record('error', message, params);
  }

  private record(level: JobLogLevel, message: unknown, params: unknown[]): void {
    const [first] = params;
    if (message instanceof Error) {
      this.job.log(level, message.message, { error: message.name, ...(message.stack ? { stack: message.stack } : {}), ...(isFields(first) ? first : {}) });
    } else if (isFields(message)) {
      // pino's order: the fields, then the message.
      this.job.log(level, typeof first === 'string' ? first : '', message);
    } else {
      this.job.log(level, typeof message === 'string' ? message : String(message), isFields(first) ? first : null);
    }
  }
}

function isFields(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

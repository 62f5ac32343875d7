import { JobErrorCode } from '@jobs/contracts';

const MAX_MESSAGE_LENGTH = 2000;

/** Why an attempt ended without a result, as stored in the job's `error`. */
export class JobFailure extends Error {
  override name = 'JobFailure';

  constructor(
    readonly code: string,
    message: string,
    /** False when running the job again cannot help (a payload that fails validation). */
    readonly retryable = true,
  ) {
    super(message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message);
  }

  static timeout(seconds: number): JobFailure {
    return new JobFailure(JobErrorCode.TIMEOUT, `Job exceeded its timeout of ${seconds}s and was aborted`);
  }

  static cancelled(): JobFailure {
    return new JobFailure(JobErrorCode.CANCELLED, 'The job was cancelled', false);
  }

  static invalidPayload(detail: string): JobFailure {
    return new JobFailure(JobErrorCode.INVALID_PAYLOAD, detail, false);
  }

  /** The worker is stopping and gives the attempt back (its queue entry is retried). */
  static workerStopped(): JobFailure {
    return new JobFailure('WorkerStopped', 'The worker gave the job up before it finished');
  }

  /** The queue entry is no longer this worker's (its heartbeat was missed and another attempt took over). */
  static claimLost(): JobFailure {
    return new JobFailure('ClaimLost', 'The worker lost its claim on the job (a missed heartbeat) before it finished');
  }

  /** Keeps a handler's own error code when it gives a sensible one (`err.code = 'ParseError'`). */
  static from(error: unknown): JobFailure {
    if (error instanceof JobFailure) return error;
    if (error instanceof Error) {
      const code = (error as Error & { code?: unknown }).code;
      const usable = typeof code === 'string' && /^[A-Za-z][\w.-]{0,99}$/.test(code);
      return new JobFailure(usable ? code : JobErrorCode.HANDLER_ERROR, error.message || error.name);
    }
    return new JobFailure(JobErrorCode.HANDLER_ERROR, String(error));
  }
}

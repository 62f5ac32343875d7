import { DIAGNOSTICS_SLEEP_JOB } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiInteger } from '../../common/api-schema.js';
import { parseBooleanString } from '../../common/boolean-string.js';
import { defineJobType } from '../job-type.js';

/**
 * Sleeps, reporting progress, optionally failing its first attempts or ignoring its abort signal:
 * an operator's probe that workers pick jobs up, retry, time out and cancel as they should.
 */
export class DiagnosticsSleepPayload implements wire.DiagnosticsSleepPayload {
  /** How long to sleep, in milliseconds (an hour at most). */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  durationMs: number;

  /** Progress reports spread over the sleep. Default 10. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  steps?: number;

  /** Fail this many attempts (with error code `DiagnosticFailure`) before succeeding. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(25)
  failAttempts?: number;

  /** Keep sleeping after the abort signal fires, like a handler that ignores it. */
  @IsOptional()
  @Transform(parseBooleanString)
  @IsBoolean()
  ignoreAbort?: boolean;

  /** Log this many lines through the job's logger, spread over the sleep (each with a `line` field). Default 0. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  logLines?: number;
}

/** `sleep-report` results. */
export class DiagnosticsSleepResult implements wire.DiagnosticsSleepResult {
  @ApiInteger({ minimum: 0 })
  sleptMs: number;
  @ApiInteger({ minimum: 1 })
  attempt: number;
  @ApiInteger({ minimum: 1 })
  steps: number;
}

export const DIAGNOSTICS_SLEEP = defineJobType({
  name: DIAGNOSTICS_SLEEP_JOB.name,
  description: 'Sleeps for durationMs with progress; can fail its first attempts or ignore cancellation. For checking a deployment.',
  payload: DiagnosticsSleepPayload,
  resultType: DIAGNOSTICS_SLEEP_JOB.resultType,
  result: DiagnosticsSleepResult,
  defaults: { timeoutSeconds: 300, maxAttempts: 3, retryDelaySeconds: 1 },
  enabledBy: 'diagnostics',
});

import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { parseBooleanString } from '../../common/boolean-string.js';

/**
 * Sleeps, reporting progress, optionally failing its first attempts or ignoring its abort signal:
 * an operator's probe that workers pick jobs up, retry, time out and cancel as they should.
 */
export class DiagnosticsSleepPayload {
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
}

export class DiagnosticsSleepResult {
  sleptMs: number;
  attempt: number;
  steps: number;
}

/** The job type's name, and the type of the results it stores. */
export const DIAGNOSTICS_SLEEP_JOB = { name: 'diagnostics.sleep', resultType: 'sleep-report' } as const;

/**
 * `diagnostics.sleep`: sleeps, reporting progress, optionally failing its first attempts or ignoring
 * its abort signal — an operator's probe that workers pick jobs up, retry, time out and cancel as they should.
 */
export interface DiagnosticsSleepPayload {
  durationMs: number;
  /** Progress reports spread over the sleep. Default 10. */
  steps?: number;
  /** Fail this many attempts (with error code `DiagnosticFailure`) before succeeding. */
  failAttempts?: number;
  /** Keep sleeping after the abort signal fires, like a handler that ignores it. */
  ignoreAbort?: boolean;
  /** Log this many lines through the job's logger, spread over the sleep (each with a `line` field). Default 0. */
  logLines?: number;
}

/** `sleep-report` results. */
export interface DiagnosticsSleepResult {
  sleptMs: number;
  attempt: number;
  steps: number;
}

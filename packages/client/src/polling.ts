/**
 * How long `waitFor` waits before its next status poll: every second while the job is young (most
 * jobs finish in seconds), then backing off by half again per poll up to `maxDelayMs` for long jobs.
 * A `Retry-After` from the API wins when it asks for longer.
 */
export interface PollingPolicy {
  /** Delay of the first polls. Default 1000 ms. */
  initialDelayMs: number;
  /** How long a job polls at the initial pace before backing off. Default 10 s. */
  fastPhaseMs: number;
  /** Growth per poll once backing off. Default 1.5. */
  backoffFactor: number;
  /** The longest wait between polls. Default 30 s. */
  maxDelayMs: number;
}

export const DEFAULT_POLLING: PollingPolicy = { initialDelayMs: 1000, fastPhaseMs: 10_000, backoffFactor: 1.5, maxDelayMs: 30_000 };

export function nextPollDelay(
  policy: PollingPolicy,
  state: { elapsedMs: number; previousDelayMs: number | null; retryAfterSeconds: number | null },
): number {
  const backedOff =
    state.elapsedMs < policy.fastPhaseMs || state.previousDelayMs === null
      ? policy.initialDelayMs
      : Math.min(policy.maxDelayMs, Math.round(state.previousDelayMs * policy.backoffFactor));
  return Math.max(backedOff, (state.retryAfterSeconds ?? 0) * 1000);
}

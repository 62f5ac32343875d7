/** Whose jobs a type's fair sharing tells apart: each owner, or each organisation (a job without one counts as its owner's). */
export type FairnessGroup = 'owner' | 'organisation';

/**
 * Fair sharing of a type's running slots. A tenant running `share` or more of a worker's slots for
 * the type (at least one, counted across all workers) gets no new slot while another tenant under
 * its share has jobs waiting; slots nobody under its share wants are lent out, so a lone tenant runs
 * at full speed.
 */
export interface FairnessSettings {
  by: FairnessGroup;
  /** Fraction of one worker's slots for the type, above 0 and at most 1. */
  share: number;
}

export type RatePeriod = 'second' | 'minute';

/** At most `limit` starts (attempts begun) of the type per `per`, across all workers; bursts of up to `limit`. */
export interface RateLimitSettings {
  limit: number;
  per: RatePeriod;
}

export interface JobTypeInfo {
  name: string;
  description: string;
  /** JSON Schema of the payload, derived from its contract class. */
  payloadSchema: Record<string, unknown>;
  resultType: string;
  defaultTimeoutSeconds: number;
  defaultMaxAttempts: number;
  hasCompactResult: boolean;
  /** Null when the type's slots go to whoever queued first. */
  fairness: FairnessSettings | null;
  /** Null when the type's starts are not limited. */
  rateLimit: RateLimitSettings | null;
}

export interface JobTypeListResponse {
  data: JobTypeInfo[];
}

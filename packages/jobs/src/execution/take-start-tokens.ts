import type { TransactionClient } from '@jobs/database';

/** A rate-limited type's bucket: `capacity` tokens at most, refilled at `perSecond`. */
export interface TokenBucket {
  type: string;
  capacity: number;
  perSecond: number;
}

export interface TakenTokens {
  /** Starts allowed now: at most the number asked for. */
  granted: number;
  /** Tokens left after the take (a fraction of one when the bucket ran dry). */
  left: number;
}

/**
 * Takes up to `wanted` whole tokens from a type's bucket, refilled for the time since it was last
 * taken from (up to its capacity). The row is locked first, so concurrent takers in every worker
 * queue on it and each sees what the one before left. Null when the type has no bucket yet.
 */
export async function takeStartTokens(db: TransactionClient, bucket: TokenBucket, wanted: number): Promise<TakenTokens | null> {
  const [taken] = await db.$queryRaw<TakenTokens[]>`
    WITH refilled AS (
      SELECT least(${bucket.capacity}::float8, tokens + ${bucket.perSecond}::float8 * extract(epoch FROM clock_timestamp() - refilled_at)::float8) AS available,
             clock_timestamp() AS at
        FROM job_start_tokens
       WHERE type = ${bucket.type}
         FOR UPDATE
    )
    UPDATE job_start_tokens t
       SET tokens = r.available - least(${wanted}::int, floor(r.available)), refilled_at = r.at
      FROM refilled r
     WHERE t.type = ${bucket.type}
    RETURNING least(${wanted}::int, floor(r.available))::int AS granted, t.tokens AS left`;
  return taken ?? null;
}

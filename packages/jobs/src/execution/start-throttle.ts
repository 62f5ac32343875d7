import type { RateLimitSettings } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { createStartTokens } from './create-start-tokens.js';
import { returnStartTokens } from './return-start-tokens.js';
import { type TokenBucket, takeStartTokens } from './take-start-tokens.js';

/** What a rate limit allows a fetch now. */
export interface StartAllowance {
  granted: number;
  /** With nothing granted: how long until the bucket holds a whole token. */
  waitMs: number;
}

/**
 * A rate-limited type's starts, shared by every worker through the type's token bucket in the
 * database: bursts of up to `limit` starts, then `limit` per second or minute. A fetch takes tokens
 * for the entries it asks for and gives back those it did not get.
 */
export class StartThrottle {
  private readonly bucket: TokenBucket;

  constructor(
    private readonly db: TransactionClient,
    type: string,
    rateLimit: RateLimitSettings,
  ) {
    this.bucket = { type, capacity: rateLimit.limit, perSecond: rateLimit.limit / (rateLimit.per === 'second' ? 1 : 60) };
  }

  async take(wanted: number): Promise<StartAllowance> {
    let taken = await takeStartTokens(this.db, this.bucket, wanted);
    if (!taken) {
      await createStartTokens(this.db, this.bucket);
      taken = (await takeStartTokens(this.db, this.bucket, wanted)) ?? { granted: 0, left: 0 };
    }
    return { granted: taken.granted, waitMs: taken.granted > 0 ? 0 : Math.ceil(((1 - taken.left) / this.bucket.perSecond) * 1000) };
  }

  async giveBack(unused: number): Promise<void> {
    if (unused > 0) await returnStartTokens(this.db, this.bucket, unused);
  }
}

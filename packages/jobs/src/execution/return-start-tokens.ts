import type { TransactionClient } from '@jobs/database';
import type { TokenBucket } from './take-start-tokens.js';

/** Puts back tokens taken for starts that did not happen (fewer entries were runnable), up to the capacity. */
export async function returnStartTokens(db: TransactionClient, bucket: TokenBucket, unused: number): Promise<void> {
  await db.$executeRaw`
    UPDATE job_start_tokens SET tokens = least(${bucket.capacity}::float8, tokens + ${unused}::float8) WHERE type = ${bucket.type}`;
}

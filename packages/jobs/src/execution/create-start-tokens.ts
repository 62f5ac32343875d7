import type { TransactionClient } from '@jobs/database';
import type { TokenBucket } from './take-start-tokens.js';

/** A type's bucket, full, unless it has one. */
export async function createStartTokens(db: TransactionClient, bucket: TokenBucket): Promise<void> {
  await db.$executeRaw`
    INSERT INTO job_start_tokens (type, tokens, refilled_at) VALUES (${bucket.type}, ${bucket.capacity}::float8, clock_timestamp())
    ON CONFLICT (type) DO NOTHING`;
}

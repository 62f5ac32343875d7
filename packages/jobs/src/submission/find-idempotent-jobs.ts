import type { TransactionClient } from '@jobs/database';

/** The jobs an owner made under these idempotency keys, with the fingerprint of the request that made them. */
export function findIdempotentJobs(
  db: TransactionClient,
  ownerId: string,
  keys: readonly string[],
): Promise<{ id: string; type: string; idempotencyKey: string; requestHash: string | null }[]> {
  return db.$queryRaw`
    SELECT id, type, idempotency_key AS "idempotencyKey", request_hash AS "requestHash"
      FROM jobs
     WHERE owner_id = ${ownerId} AND idempotency_key = ANY(${keys}::text[])`;
}

import type { TransactionClient } from '@jobs/database';

/**
 * Counts a delivery attempt, and marks the webhook delivered when `error` is null. Leaves the job's
 * updated_at alone: delivering news of the job is no change of the job (listings sort by it).
 */
export async function recordWebhookAttempt(db: TransactionClient, jobId: string, error: string | null): Promise<void> {
  await db.$executeRaw`
    UPDATE jobs SET webhook_attempts = webhook_attempts + 1, webhook_error = ${error?.slice(0, 500) ?? null},
           webhook_delivered_at = CASE WHEN ${error}::text IS NULL THEN now() ELSE webhook_delivered_at END
     WHERE id = ${jobId}::uuid`;
}

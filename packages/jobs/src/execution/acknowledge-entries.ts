import { Prisma, type TransactionClient } from '@jobs/database';
import { settleEntriesSql } from './settle-entries.js';

/**
 * Settles queue entries whose job needs nothing more: already finished, deleted, cancelled while it
 * ran, or queued under another entry. pg-boss must not run them again.
 */
export async function acknowledgeEntries(db: TransactionClient, queue: string, entries: readonly { id: string; retryCount: number }[]): Promise<void> {
  await db.$executeRaw`
    WITH i AS (SELECT * FROM unnest(${entries.map((entry) => entry.id)}::uuid[], ${entries.map((entry) => entry.retryCount)}::int[]) AS x(queue_job_id, retry_count))
    ${settleEntriesSql(queue, Prisma.sql`i`)}`;
}

import type { TransactionClient } from '@jobs/database';
import { CHANNELS } from './channels.js';

/**
 * Sends each payload (a JSON array of JobCreation) on `jobs_created`, in one statement. A NOTIFY makes
 * its transaction commit (and wait for the WAL flush) while holding the lock that queues every
 * notifying commit, the workers' claims and completions included: this one writes nothing, so it
 * commits without waiting for the flush (`synchronous_commit` off for its own transaction).
 */
export async function notifyCreatedJobs(db: TransactionClient, payloads: readonly string[]): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${CHANNELS.jobsCreated}, payload) FROM set_config('synchronous_commit', 'off', true), unnest(${payloads}::text[]) AS payload`;
}

import type { TransactionClient } from '@jobs/database';
import { CHANNELS } from './channels.js';

/** Sends each payload (a JSON array of JobCreation) on `jobs_created`, in one statement. */
export async function notifyCreatedJobs(db: TransactionClient, payloads: readonly string[]): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${CHANNELS.jobsCreated}, payload) FROM unnest(${payloads}::text[]) AS payload`;
}

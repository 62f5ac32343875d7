import type { TransactionClient } from '@jobs/database';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';

/** A finished job's webhook still to deliver: the job, the secret that signs it and the job's trace; null when there is nothing (left) to deliver. */
export async function loadWebhookDelivery(
  db: TransactionClient,
  jobId: string,
): Promise<{ job: JobSummaryRecord & { webhookUrl: string }; secret: string; traceParent: string | null } | null> {
  const [row] = await db.$queryRaw<(JobSummaryRecord & { webhookSecret: string | null; traceParent: string | null })[]>`
    SELECT ${SUMMARY_COLUMNS}, j.webhook_secret AS "webhookSecret", j.trace_parent AS "traceParent" FROM jobs j WHERE j.id = ${jobId}::uuid`;
  if (!row?.webhookUrl || !row.webhookSecret || row.webhookDeliveredAt) return null;
  const { webhookSecret, traceParent, ...job } = row;
  return { job: { ...job, webhookUrl: row.webhookUrl }, secret: webhookSecret, traceParent };
}

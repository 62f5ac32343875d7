import type { TransactionClient } from '@jobs/database';

/** The `seq` of the job's last line, 0 when it has none: where a stream's live lines start. */
export async function lastJobLogSeq(db: TransactionClient, jobId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ seq: number }[]>`
    SELECT coalesce(max(seq), 0)::int AS seq FROM job_logs WHERE job_id = ${jobId}::uuid`;
  return row?.seq ?? 0;
}

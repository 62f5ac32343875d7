import type { TransactionClient } from '@jobs/database';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';
import { type JobScope, scopeSql } from '../viewer.js';

/** A job in `scope`, locked until the transaction ends, so the checks made on it hold for the change that follows. */
export async function lockJob(tx: TransactionClient, scope: JobScope, id: string): Promise<JobSummaryRecord | null> {
  const [job] = await tx.$queryRaw<JobSummaryRecord[]>`SELECT ${SUMMARY_COLUMNS} FROM jobs j WHERE j.id = ${id}::uuid AND ${scopeSql(scope, 'j')} FOR UPDATE`;
  return job ?? null;
}

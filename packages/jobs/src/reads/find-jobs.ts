import type { TransactionClient } from '@jobs/database';
import { JOB_COLUMNS, type JobRecord, RESULT_COLUMNS, type ResultRecord } from '../records/job-record.js';
import { type JobScope, scopeSql } from '../viewer.js';

/** A job in `scope` by id, or null. */
export async function findJob(db: TransactionClient, scope: JobScope, id: string): Promise<JobRecord | null> {
  const [job] = await db.$queryRaw<JobRecord[]>`SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.id = ${id}::uuid AND ${scopeSql(scope, 'j')}`;
  return job ?? null;
}

/** A job in `scope` with its result (null until completed). */
export async function findJobWithResult(db: TransactionClient, scope: JobScope, id: string): Promise<{ job: JobRecord; result: ResultRecord | null } | null> {
  const [row] = await db.$queryRaw<(JobRecord & { storedResultId: string | null; storedResultType: string; storedResultData: object; storedResultAt: Date })[]>`
    SELECT ${JOB_COLUMNS}, r.id AS "storedResultId", r.type AS "storedResultType", r.data AS "storedResultData", r.created_at AS "storedResultAt"
      FROM jobs j LEFT JOIN results r ON r.job_id = j.id
     WHERE j.id = ${id}::uuid AND ${scopeSql(scope, 'j')}`;
  if (!row) return null;
  const { storedResultId, storedResultType, storedResultData, storedResultAt, ...job } = row;
  return {
    job,
    result: storedResultId ? { id: storedResultId, jobId: job.id, type: storedResultType, data: storedResultData, createdAt: storedResultAt } : null,
  };
}

/** A result by its own id, with its job, when the job is in `scope`: a result is visible exactly when its job is. */
export async function findResultWithJob(db: TransactionClient, scope: JobScope, resultId: string): Promise<{ job: JobRecord; result: ResultRecord } | null> {
  const [result] = await db.$queryRaw<ResultRecord[]>`
    SELECT ${RESULT_COLUMNS} FROM results r JOIN jobs j ON j.id = r.job_id WHERE r.id = ${resultId}::uuid AND ${scopeSql(scope, 'j')}`;
  if (!result) return null;
  const job = await findJob(db, { kind: 'all' }, result.jobId);
  return job ? { job, result } : null;
}

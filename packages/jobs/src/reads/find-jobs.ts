import { Prisma, type TransactionClient } from '@jobs/database';
import { JOB_COLUMNS, type JobRecord, type ResultRecord } from '../records/job-record.js';
import { type JobScope, scopeSql } from '../viewer.js';

/** A job in `scope` by id, or null. */
export async function findJob(db: TransactionClient, scope: JobScope, id: string): Promise<JobRecord | null> {
  const [job] = await db.$queryRaw<JobRecord[]>`SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.id = ${id}::uuid AND ${scopeSql(scope, 'j')}`;
  return job ?? null;
}

type JobWithStoredResult = JobRecord & { storedResultId: string | null; storedResultType: string; storedResultData: object; storedResultAt: Date };

/** Jobs in `scope` matching `condition` (on `jobs j` and `results r`), each with its result when it has one, in one statement. */
async function findJobsWithResults(db: TransactionClient, scope: JobScope, condition: Prisma.Sql): Promise<{ job: JobRecord; result: ResultRecord | null }[]> {
  const rows = await db.$queryRaw<JobWithStoredResult[]>`
    SELECT ${JOB_COLUMNS}, r.id AS "storedResultId", r.type AS "storedResultType", r.data AS "storedResultData", r.created_at AS "storedResultAt"
      FROM jobs j LEFT JOIN results r ON r.job_id = j.id
     WHERE ${condition} AND ${scopeSql(scope, 'j')}`;
  return rows.map(({ storedResultId, storedResultType, storedResultData, storedResultAt, ...job }) => ({
    job,
    result: storedResultId ? { id: storedResultId, jobId: job.id, type: storedResultType, data: storedResultData, createdAt: storedResultAt } : null,
  }));
}

/** A job in `scope` with its result (null until completed). */
export async function findJobWithResult(db: TransactionClient, scope: JobScope, id: string): Promise<{ job: JobRecord; result: ResultRecord | null } | null> {
  const [found] = await findJobsWithResults(db, scope, Prisma.sql`j.id = ${id}::uuid`);
  return found ?? null;
}

/** A result by its own id, with its job, when the job is in `scope`: a result is visible exactly when its job is. */
export async function findResultWithJob(db: TransactionClient, scope: JobScope, resultId: string): Promise<{ job: JobRecord; result: ResultRecord } | null> {
  const [found] = await findJobsWithResults(db, scope, Prisma.sql`r.id = ${resultId}::uuid`);
  return found?.result ? { job: found.job, result: found.result } : null;
}

import type { AttemptOutcome } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { type JobScope, scopeSql } from '../viewer.js';

/** An attempt as stored, with its run's ordinal and its worker (when registered). */
export interface AttemptRecord {
  number: number;
  run: number;
  workerId: string | null;
  workerHost: string | null;
  workerPid: number | null;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: AttemptOutcome | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/**
 * The attempts of a job in `scope`, oldest first, in one statement; null when the job is not in
 * the scope (or does not exist). A run is one queue entry: a manual retry starts the next, and
 * runs are numbered by when their first attempt started.
 */
export async function listAttempts(db: TransactionClient, scope: JobScope, jobId: string): Promise<AttemptRecord[] | null> {
  const rows = await db.$queryRaw<(Omit<AttemptRecord, 'number' | 'run' | 'startedAt'> & { number: number | null; run: number | null; startedAt: Date | null })[]>`
    SELECT a.number, a.run::int AS run, a.worker_id::text AS "workerId", w.host AS "workerHost", w.pid AS "workerPid",
           a.started_at AS "startedAt", a.finished_at AS "finishedAt", a.outcome, a.error_code AS "errorCode", a.error_message AS "errorMessage"
      FROM jobs j
      LEFT JOIN LATERAL (
        SELECT x.*, dense_rank() OVER (ORDER BY x.run_started, x.queue_job_id) AS run
          FROM (SELECT a.*, min(a.started_at) OVER (PARTITION BY a.queue_job_id) AS run_started FROM job_attempts a WHERE a.job_id = j.id) x
      ) a ON TRUE
      LEFT JOIN workers w ON w.id = a.worker_id
     WHERE j.id = ${jobId}::uuid AND ${scopeSql(scope, 'j')}
     ORDER BY a.started_at, a.number`;
  if (rows.length === 0) return null;
  return rows.flatMap((row) => (row.number === null || row.run === null || row.startedAt === null ? [] : [{ ...row, number: row.number, run: row.run, startedAt: row.startedAt }]));
}

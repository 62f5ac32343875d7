import { AttemptOutcome } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { toStatusSql } from '../status-transitions.js';
import { ATTEMPT_FENCE } from './attempt-fence.js';
import { closeAttemptsSql } from './attempt-outcome.js';
import { settleEntriesSql } from './settle-entries.js';

export interface Completion {
  id: string;
  attempt: number;
  queueJobId: string;
  retryCount: number;
  resultId: string;
  data: object;
}

/**
 * Completes attempts of one queue in one statement: each job becomes COMPLETED with its result
 * stored beside it and its attempt closed (the result row only where the fenced update happened, and `results.job_id` is
 * unique: a result is stored at most once), and its queue entry is settled. Returns the ids of the
 * jobs completed; an attempt that lost its claim completes nothing, its result is discarded.
 */
export async function completeJobs(db: TransactionClient, queue: string, resultType: string, completions: readonly Completion[]): Promise<string[]> {
  // Parallel arrays, unnested: PostgreSQL plans a handful of input rows, and so finds each job and
  // entry through its primary key.
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(${completions.map((completion) => completion.id)}::uuid[], ${completions.map((completion) => completion.attempt)}::int[],
                           ${completions.map((completion) => completion.queueJobId)}::uuid[], ${completions.map((completion) => completion.retryCount)}::int[],
                           ${completions.map((completion) => completion.resultId)}::uuid[], ${completions.map((completion) => JSON.stringify(completion.data))}::jsonb[])
        AS x(id, attempt, queue_job_id, retry_count, result_id, data)
    ), completed AS (
      UPDATE jobs j
         SET status = ${toStatusSql('complete')}, finished_at = now(), updated_at = clock_timestamp(), result_id = i.result_id,
             result_type = ${resultType}, error_code = NULL, error_message = NULL
        FROM input i
       WHERE j.id = i.id AND ${ATTEMPT_FENCE}
      RETURNING j.id, i.queue_job_id, i.attempt, i.result_id, i.data
    ), closed AS (${closeAttemptsSql(Prisma.sql`completed e`, Prisma.sql`${AttemptOutcome.COMPLETED}`)}
    ), stored AS (
      INSERT INTO results (id, job_id, type, data) SELECT result_id, id, ${resultType}, data FROM completed
    ), settled AS (${settleEntriesSql(queue, Prisma.sql`input i`)})
    SELECT id FROM completed`;
  return rows.map((row) => row.id);
}

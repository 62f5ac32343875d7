import { Prisma, type TransactionClient } from '@jobs/database';
import { toStatusSql } from '../status-transitions.js';
import { ATTEMPT_FENCE } from './attempt-fence.js';
import { closeAttemptsSql, failureOutcomeSql } from './attempt-outcome.js';
import { settleEntriesSql } from './settle-entries.js';

export interface FailedAttempt {
  id: string;
  attempt: number;
  queueJobId: string;
  retryCount: number;
  /** The job fails for good; otherwise it waits for its retry. */
  final: boolean;
  code: string;
  message: string;
}

/**
 * Records failed attempts of one queue in one statement: a final one makes its job FAILED and
 * settles its queue entry; another leaves the job PENDING for the retry pg-boss schedules when the
 * caller hands the entry back. The attempt is closed in the same statement (see failureOutcomeSql). Returns the ids of the jobs changed (an attempt that lost its claim
 * changes nothing).
 */
export async function recordFailures(db: TransactionClient, queue: string, failures: readonly FailedAttempt[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(${failures.map((failure) => failure.id)}::uuid[], ${failures.map((failure) => failure.attempt)}::int[],
                           ${failures.map((failure) => failure.queueJobId)}::uuid[], ${failures.map((failure) => failure.retryCount)}::int[],
                           ${failures.map((failure) => failure.final)}::boolean[], ${failures.map((failure) => failure.code)}::text[],
                           ${failures.map((failure) => failure.message)}::text[])
        AS x(id, attempt, queue_job_id, retry_count, final, code, message)
    ), failed AS (
      UPDATE jobs j
         SET status = CASE WHEN i.final THEN ${toStatusSql('fail')} ELSE ${toStatusSql('retryLater')} END,
             finished_at = CASE WHEN i.final THEN now() END, updated_at = clock_timestamp(), error_code = i.code, error_message = i.message
        FROM input i
       WHERE j.id = i.id AND ${ATTEMPT_FENCE}
      RETURNING j.id, i.queue_job_id, i.attempt, i.final, i.code, i.message
    ), closed AS (${closeAttemptsSql(Prisma.sql`failed e`, failureOutcomeSql(Prisma.sql`e.code`, Prisma.sql`e.final`), { code: Prisma.sql`e.code`, message: Prisma.sql`e.message` })}
    ), settled AS (${settleEntriesSql(queue, Prisma.sql`input i`, { output: Prisma.sql`jsonb_build_object('code', i.code, 'message', i.message)`, only: Prisma.sql`i.final` })})
    SELECT id FROM failed`;
  return rows.map((row) => row.id);
}

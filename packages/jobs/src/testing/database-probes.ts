import type { JobStatus } from '@jobs/contracts';
import type { PrismaService } from '@jobs/database';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';
import { WEBHOOK_QUEUE } from '../queue/queue-entry.js';

/** What a job row holds, as the tests compare it. */
export interface StoredJob {
  status: JobStatus;
  attempts: number;
  queueJobId: string;
  errorCode: string | null;
  progressCurrent: number | null;
  results: number;
}

export async function storedJob(prisma: PrismaService, id: string): Promise<StoredJob | null> {
  const [row] = await prisma.$queryRaw<StoredJob[]>`
    SELECT status::text AS status, attempts, queue_job_id::text AS "queueJobId", error_code AS "errorCode",
           (progress->>'current')::int AS "progressCurrent", (SELECT count(*)::int FROM results r WHERE r.job_id = j.id) AS results
      FROM jobs j WHERE id = ${id}::uuid`;
  return row ?? null;
}

/** Results stored for a job id, whether or not its row still exists. */
export async function resultsOf(prisma: PrismaService, jobId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM results WHERE job_id = ${jobId}::uuid`;
  return row?.count ?? 0;
}

/** A pg-boss entry, as far as the lifecycle cares. */
export interface QueueEntry {
  id: string;
  queue: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
}

/** The entries of a job in its own queue (not its webhook deliveries). */
export function jobEntries(prisma: PrismaService, jobId: string): Promise<QueueEntry[]> {
  return prisma.$queryRawUnsafe<QueueEntry[]>(
    `SELECT id::text, name AS queue, state::text AS state, retry_count AS "retryCount"
       FROM "${QUEUE_SCHEMA}".job WHERE data->>'jobId' = $1 AND name <> $2 ORDER BY created_on`,
    jobId,
    WEBHOOK_QUEUE,
  );
}

export function webhookEntries(prisma: PrismaService, jobId: string): Promise<QueueEntry[]> {
  return prisma.$queryRawUnsafe<QueueEntry[]>(
    `SELECT id::text, name AS queue, state::text AS state, retry_count AS "retryCount" FROM "${QUEUE_SCHEMA}".job WHERE data->>'jobId' = $1 AND name = $2`,
    jobId,
    WEBHOOK_QUEUE,
  );
}

/** Sessions of this database waiting for a lock: how a test sees that a statement is blocked behind a transaction it holds. */
export async function lockWaiters(prisma: PrismaService): Promise<number> {
  const [row] = await prisma.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row?.waiting ?? 0;
}

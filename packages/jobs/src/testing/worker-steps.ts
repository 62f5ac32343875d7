import { randomUUID } from 'node:crypto';
import type { PrismaService, TransactionClient } from '@jobs/database';
import { type ClaimedRow, claimJobs } from '../execution/claim-jobs.js';
import { acknowledgeEntries } from '../execution/acknowledge-entries.js';
import { completeJobs } from '../execution/complete-jobs.js';
import type { JobFailure } from '../execution/job-failure.js';
import { recordFailures } from '../execution/record-failures.js';
import { reportProgress } from '../execution/report-progress.js';
import { type FetchedEntry, type JobQueue, QUEUE_SCHEMA } from '../queue/job-queue.js';
import { TEST_CATALOG } from './job-domain.js';

// A worker's side of the lifecycle, one statement function at a time, as `JobExecution` calls them:
// each step is deterministic, so a test can put another operation between any two of them.

/** An attempt a worker holds: the queue entry it fetched and the row its claim returned. */
export interface HeldAttempt {
  entry: FetchedEntry;
  row: ClaimedRow;
}

interface WorkerSide {
  prisma: PrismaService;
  queue: JobQueue;
}

/** Fetches every runnable entry of `type` and claims their jobs in one statement; entries whose job is not claimable are acknowledged. */
export async function fetchAndClaim({ prisma, queue }: WorkerSide, type: string, workerId: string | null = null): Promise<HeldAttempt[]> {
  const entries = await queue.fetch(type, 1_000);
  if (entries.length === 0) return [];
  const rows = await claimJobs(prisma, workerId, entries.map((entry) => ({ jobId: entry.message.jobId, queueJobId: entry.id })));
  const byEntry = new Map(rows.map((row) => [row.queueJobId, row]));
  const unclaimed = entries.filter((entry) => !byEntry.has(entry.id));
  if (unclaimed.length > 0) await acknowledgeEntries(prisma, type, unclaimed);
  return entries.flatMap((entry) => {
    const row = byEntry.get(entry.id);
    return row ? [{ entry, row }] : [];
  });
}

/** The attempt that claimed `jobId`, among those a fetch returned. */
export function attemptOn(attempts: readonly HeldAttempt[], jobId: string): HeldAttempt {
  const attempt = attempts.find((candidate) => candidate.row.id === jobId);
  if (!attempt) throw new Error(`job ${jobId} was not claimed`);
  return attempt;
}

/** Writes the attempt's result; the ids of the jobs it completed (none when it had lost its claim). */
export function completeAttempt(db: TransactionClient, held: HeldAttempt, data: object = { done: true }): Promise<string[]> {
  const definition = TEST_CATALOG.find(held.row.type);
  if (!definition) throw new Error(`job type ${held.row.type} is not in the test catalog`);
  return completeJobs(db, held.row.type, definition.resultType, [
    { id: held.row.id, attempt: held.row.attempt, queueJobId: held.entry.id, retryCount: held.entry.retryCount, resultId: randomUUID(), data },
  ]);
}

/**
 * Records the attempt's failure as the worker decides it: final when the failure is not retryable or
 * no attempt remains, else the entry goes back to pg-boss for a retry. The ids of the jobs it changed.
 */
export async function failAttempt({ prisma, queue }: WorkerSide, held: HeldAttempt, failure: JobFailure): Promise<string[]> {
  const final = !failure.retryable || held.row.attempt >= held.row.maxAttempts;
  const changed = await recordFailures(prisma, held.row.type, [
    { id: held.row.id, attempt: held.row.attempt, queueJobId: held.entry.id, retryCount: held.entry.retryCount, final, code: failure.code, message: failure.message },
  ]);
  if (!final) await queue.fail(held.row.type, [held.entry], { code: failure.code, message: failure.message });
  return changed;
}

export function reportAttemptProgress(db: TransactionClient, held: HeldAttempt, current: number): Promise<void> {
  return reportProgress(db, [{ id: held.row.id, attempt: held.row.attempt, queueJobId: held.entry.id, progress: { current, total: null, message: null, percentage: null } }]);
}

/**
 * What pg-boss does to an entry whose worker stopped heartbeating (failJobsByHeartbeat): fails it,
 * to be retried while retries remain. The worker may still be running the attempt.
 */
export async function lapseAttempt({ queue }: WorkerSide, held: HeldAttempt): Promise<void> {
  await queue.fail(held.row.type, [held.entry], { code: 'HeartbeatLapsed', message: 'job heartbeat timeout' });
}

/** Lets time pass for the queue: entries waiting out a retry backoff become runnable now. */
export async function endRetryBackoffs(prisma: PrismaService): Promise<void> {
  await prisma.$executeRawUnsafe(`UPDATE "${QUEUE_SCHEMA}".job SET start_after = now() - interval '1 second' WHERE state = 'retry'`);
}

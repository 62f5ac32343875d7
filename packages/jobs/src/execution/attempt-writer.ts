import { randomUUID } from 'node:crypto';
import { type PrismaService, type TransactionClient } from '@jobs/database';
import { Batcher } from '../batcher.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Attempt } from './attempt.js';
import { completeJobs } from './complete-jobs.js';
import type { JobFailure } from './job-failure.js';
import { recordFailures } from './record-failures.js';
import { retryingTransient } from './transient-errors.js';

/** Attempts written per statement at most: results travel in the statement, so it stays a sane size. */
const MAX_BATCH = 200;

/**
 * Writes the ends of one queue's attempts, batched: every completion that arrives while the previous
 * statement runs goes into the next one, and so do failures. A batch that
 * finishes jobs with webhooks queues their deliveries in the same transaction.
 */
export class AttemptWriter {
  private readonly completions = new Batcher<{ attempt: Attempt; data: object }, boolean>((items) => this.writeCompletions(items), { maxItems: MAX_BATCH, concurrency: 2 });
  private readonly failures = new Batcher<{ attempt: Attempt; failure: JobFailure; final: boolean }, boolean>((items) => this.writeFailures(items), { maxItems: MAX_BATCH, concurrency: 2 });

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly queueName: string,
    private readonly resultType: string,
  ) {}

  /** Completes the job with its result; false when the attempt had lost its claim. */
  complete(attempt: Attempt, data: object): Promise<boolean> {
    return this.completions.add({ attempt, data });
  }

  /** Records a failed attempt (FAILED when final, else PENDING for the retry); false when it had lost its claim. */
  fail(attempt: Attempt, failure: JobFailure, final: boolean): Promise<boolean> {
    return this.failures.add({ attempt, failure, final });
  }

  async drained(): Promise<void> {
    await Promise.all([this.completions.drained(), this.failures.drained()]);
  }

  private async writeCompletions(items: { attempt: Attempt; data: object }[]): Promise<boolean[]> {
    const completions = inEntryOrder(items).map(({ attempt, data }) => ({
      id: attempt.row.id,
      attempt: attempt.row.attempt,
      queueJobId: attempt.entry.id,
      retryCount: attempt.entry.retryCount,
      resultId: randomUUID(),
      data,
    }));
    const withWebhook = new Set(items.filter(({ attempt }) => attempt.row.hasWebhook).map(({ attempt }) => attempt.row.id));
    const completed = await this.withWebhooks(withWebhook, (db) => completeJobs(db, this.queueName, this.resultType, completions));
    return items.map(({ attempt }) => completed.has(attempt.row.id));
  }

  private async writeFailures(items: { attempt: Attempt; failure: JobFailure; final: boolean }[]): Promise<boolean[]> {
    const failures = inEntryOrder(items).map(({ attempt, failure, final }) => ({
      id: attempt.row.id,
      attempt: attempt.row.attempt,
      queueJobId: attempt.entry.id,
      retryCount: attempt.entry.retryCount,
      final,
      code: failure.code,
      message: failure.message,
    }));
    const withWebhook = new Set(items.filter(({ attempt, final }) => final && attempt.row.hasWebhook).map(({ attempt }) => attempt.row.id));
    const recorded = await this.withWebhooks(withWebhook, (db) => recordFailures(db, this.queueName, failures));
    return items.map(({ attempt }) => recorded.has(attempt.row.id));
  }

  /**
   * Runs `write`; when some of the jobs it may finish have webhooks, in a transaction that also
   * queues their deliveries. A deadlock or serialization failure runs it again.
   */
  private withWebhooks(withWebhook: ReadonlySet<string>, write: (db: TransactionClient) => Promise<string[]>): Promise<Set<string>> {
    return retryingTransient(async () => {
      if (withWebhook.size === 0) return new Set(await write(this.prisma));
      return this.prisma.$transaction(async (tx) => {
        const finished = await write(tx);
        await this.queue.enqueueWebhooks(tx, finished.filter((id) => withWebhook.has(id)));
        return new Set(finished);
      });
    });
  }
}

/**
 * The items sorted by queue entry id: every statement that locks entries (pg-boss's heartbeat
 * included) then takes the locks in the same order, and two of them cannot deadlock.
 */
function inEntryOrder<Item extends { attempt: Attempt }>(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => (a.attempt.entry.id < b.attempt.entry.id ? -1 : a.attempt.entry.id > b.attempt.entry.id ? 1 : 0));
}

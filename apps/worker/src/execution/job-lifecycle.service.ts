import { randomUUID } from 'node:crypto';
import type { JobProgress } from '@jobs/contracts';
import { JobStatus, Prisma, PrismaService, type TransactionClient } from '@jobs/database';
import { QueueService } from '@jobs/runtime';
import { Injectable } from '@nestjs/common';
import type { JobFailure } from './job-failure.js';

/** A job this worker has claimed: the attempt number fences every later write. */
export interface ClaimedJob {
  id: string;
  type: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  timeoutSeconds: number;
  /** Set when the job's end must be announced to a webhook. */
  webhookUrl: string | null;
}

/**
 * The job row's state machine as the worker drives it. Every write after the claim is fenced on
 * `status = PROCESSING` and this attempt's number, so a stale copy of a redelivered job, or one
 * cancelled or deleted meanwhile, can change nothing.
 */
@Injectable()
export class JobLifecycleService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
  ) {}

  /** PENDING (or PROCESSING left by a dead worker) → PROCESSING; null when the job is finished or gone. */
  async claim(jobId: string): Promise<ClaimedJob | null> {
    const [row] = await this.prisma.job.updateManyAndReturn({
      where: { id: jobId, status: { in: [JobStatus.PENDING, JobStatus.PROCESSING] } },
      data: { status: JobStatus.PROCESSING, attempts: { increment: 1 }, startedAt: new Date(), progress: Prisma.DbNull },
      select: { id: true, type: true, payload: true, attempts: true, maxAttempts: true, timeoutSeconds: true, webhookUrl: true },
    });
    if (!row) return null;
    const { attempts, ...rest } = row;
    return { ...rest, attempt: attempts };
  }

  async reportProgress(job: ClaimedJob, progress: JobProgress): Promise<void> {
    await this.prisma.job.updateMany({
      where: this.fence(job),
      data: { progress: progress as unknown as Prisma.InputJsonObject },
    });
  }

  /**
   * Stores the result and completes the job in one statement (the fenced update, and the result row
   * only if the update happened); false when the attempt lost its claim. A job with a webhook also
   * queues its delivery, in a transaction around both.
   */
  async complete(job: ClaimedJob, resultType: string, data: object): Promise<boolean> {
    const resultId = randomUUID();
    const now = new Date();
    const completion = Prisma.sql`
      WITH completed AS (
        UPDATE jobs SET status = 'COMPLETED', finished_at = ${now}, updated_at = ${now}, result_id = ${resultId}::uuid,
                        result_type = ${resultType}, error_code = NULL, error_message = NULL
         WHERE ${this.fenceSql(job)}
        RETURNING id)
      INSERT INTO results (id, job_id, type, data) SELECT ${resultId}::uuid, id, ${resultType}, ${JSON.stringify(data)}::jsonb FROM completed`;
    if (!job.webhookUrl) return (await this.prisma.$executeRaw(completion)) === 1;
    return this.prisma.$transaction(async (tx) => {
      if ((await tx.$executeRaw(completion)) !== 1) return false;
      await this.queue.enqueueWebhookInTransaction(tx, job.id);
      return true;
    });
  }

  /**
   * Records the attempt's error: FAILED when it was the last one, back to PENDING when a retry
   * follows. A final failure with a webhook queues its delivery in the same transaction.
   */
  async recordFailure(job: ClaimedJob, failure: JobFailure, final: boolean): Promise<void> {
    const failed = (client: TransactionClient) =>
      client.job.updateMany({
        where: this.fence(job),
        data: {
          status: final ? JobStatus.FAILED : JobStatus.PENDING,
          finishedAt: final ? new Date() : null,
          errorCode: failure.code,
          errorMessage: failure.message,
        },
      });
    if (!final || !job.webhookUrl) {
      await failed(this.prisma);
      return;
    }
    await this.prisma.$transaction(async (tx) => {
      const { count } = await failed(tx);
      if (count > 0) await this.queue.enqueueWebhookInTransaction(tx, job.id);
    });
  }

  private fence(job: ClaimedJob): Prisma.JobWhereInput {
    return { id: job.id, status: JobStatus.PROCESSING, attempts: job.attempt };
  }

  private fenceSql(job: ClaimedJob): Prisma.Sql {
    return Prisma.sql`id = ${job.id}::uuid AND status = 'PROCESSING' AND attempts = ${job.attempt}`;
  }
}

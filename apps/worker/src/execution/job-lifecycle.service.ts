import { randomUUID } from 'node:crypto';
import type { JobProgress } from '@jobs/contracts';
import { JobStatus, Prisma, PrismaService } from '@jobs/database';
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

  /** Stores the result and completes the job in one transaction; false when the attempt lost its claim. */
  async complete(job: ClaimedJob, resultType: string, data: object): Promise<boolean> {
    const resultId = randomUUID();
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.job.updateMany({
        where: this.fence(job),
        data: { status: JobStatus.COMPLETED, finishedAt: new Date(), resultId, resultType, errorCode: null, errorMessage: null },
      });
      if (count === 0) return false;
      await tx.result.create({ data: { id: resultId, jobId: job.id, type: resultType, data: data as Prisma.InputJsonObject } });
      if (job.webhookUrl) await this.queue.enqueueWebhookInTransaction(tx, job.id);
      return true;
    });
  }

  /** Records the attempt's error: FAILED when it was the last one, back to PENDING when a retry follows. */
  async recordFailure(job: ClaimedJob, failure: JobFailure, final: boolean): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.job.updateMany({
        where: this.fence(job),
        data: {
          status: final ? JobStatus.FAILED : JobStatus.PENDING,
          finishedAt: final ? new Date() : null,
          errorCode: failure.code,
          errorMessage: failure.message,
        },
      });
      if (count > 0 && final && job.webhookUrl) await this.queue.enqueueWebhookInTransaction(tx, job.id);
    });
  }

  private fence(job: ClaimedJob): Prisma.JobWhereInput {
    return { id: job.id, status: JobStatus.PROCESSING, attempts: job.attempt };
  }
}

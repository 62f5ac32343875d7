import { randomUUID } from 'node:crypto';
import { ErrorCode, JobCatalog } from '@jobs/contracts';
import { type Job, JobStatus, Prisma, PrismaService, type TransactionClient } from '@jobs/database';
import { MetricsService, QueueService } from '@jobs/runtime';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { visibleJobs } from '../auth/visibility.js';
import { ProblemException } from '../problems/problem.exception.js';

/** Cancel and retry: each a conditional update of the row and its queue entry in one transaction. */
@Injectable()
export class JobControlService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
    private readonly catalog: JobCatalog,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * PENDING or PROCESSING → CANCELLED. A pending job's queue entry is cancelled with it; a running
   * job's worker hears of it through the database trigger's NOTIFY and aborts the handler.
   */
  async cancel(principal: Principal, id: string): Promise<Job> {
    const cancelled = await this.prisma.$transaction(async (tx) => {
      const job = await this.modifiable(tx, principal, id);
      const [cancelled] = await tx.job.updateManyAndReturn({
        where: { id, status: { in: [JobStatus.PENDING, JobStatus.PROCESSING] } },
        data: { status: JobStatus.CANCELLED, finishedAt: new Date() },
      });
      if (!cancelled) {
        throw new ProblemException(409, ErrorCode.JOB_ALREADY_FINISHED, `Job ${id} is already ${job.status}.`, {
          extensions: { jobStatus: job.status },
        });
      }
      await this.queue.cancelInTransaction(tx, cancelled.queueName, cancelled.queueJobId);
      if (cancelled.webhookUrl) await this.queue.enqueueWebhookInTransaction(tx, id);
      return { job: cancelled, wasRunning: job.status === JobStatus.PROCESSING };
    });
    // A running job is counted by the worker whose handler it stops; a pending one never reaches a worker.
    if (!cancelled.wasRunning) this.metrics.jobsFinished.inc({ type: cancelled.job.type, status: JobStatus.CANCELLED });
    return cancelled.job;
  }

  /** FAILED or CANCELLED → PENDING with its attempts reset, under a fresh queue entry (same job id). */
  async retry(principal: Principal, id: string, requestId?: string): Promise<Job> {
    const retried = await this.prisma.$transaction(async (tx) => {
      const job = await this.modifiable(tx, principal, id);
      const definition = this.catalog.find(job.type);
      if (!definition) {
        throw new ProblemException(409, ErrorCode.JOB_NOT_RETRYABLE, `Job type ${job.type} is no longer registered; the job cannot run again.`);
      }
      const queueJobId = randomUUID();
      const runAt = new Date();
      const [retried] = await tx.job.updateManyAndReturn({
        where: { id, status: { in: [JobStatus.FAILED, JobStatus.CANCELLED] } },
        data: {
          status: JobStatus.PENDING,
          attempts: 0,
          errorCode: null,
          errorMessage: null,
          progress: Prisma.DbNull,
          startedAt: null,
          finishedAt: null,
          runAt,
          queueJobId,
          webhookAttempts: 0,
          webhookDeliveredAt: null,
          webhookError: null,
        },
      });
      if (!retried) {
        throw new ProblemException(409, ErrorCode.JOB_NOT_RETRYABLE, `Job ${id} is ${job.status}; only FAILED or CANCELLED jobs can be retried.`, {
          extensions: { jobStatus: job.status },
        });
      }
      await this.queue.deleteInTransaction(tx, job.queueName, job.queueJobId);
      await this.queue.insertInTransaction(tx, definition, [
        {
          id,
          queueJobId,
          priority: retried.priority,
          runAt,
          maxAttempts: retried.maxAttempts,
          timeoutSeconds: retried.timeoutSeconds,
          retryDelaySeconds: definition.defaults.retryDelaySeconds,
          requestId,
        },
      ]);
      return retried;
    });
    this.queue.announce([retried.queueName]);
    return retried;
  }

  /** The job, locked, if the caller may change it: its owner or an admin (an org member gets 403). */
  private async modifiable(tx: TransactionClient, principal: Principal, id: string): Promise<Job> {
    const [visible] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM jobs WHERE id = ${id}::uuid FOR UPDATE`;
    const job = visible ? await tx.job.findFirst({ where: { id, ...visibleJobs(principal) } }) : null;
    if (!job) throw ProblemException.jobNotFound(id);
    if (!principal.isAdmin && job.ownerId !== principal.sub) {
      throw new ProblemException(403, ErrorCode.FORBIDDEN, 'Only the owner of a job or an admin can change it.');
    }
    return job;
  }
}

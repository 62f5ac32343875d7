import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, JobStatus } from '@jobs/contracts';
import { Prisma, PrismaService, type TransactionClient } from '@jobs/database';
import { Inject, Injectable } from '@nestjs/common';
import { JobsError } from '../errors.js';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { JobQueue } from '../queue/job-queue.js';
import { queueEntryFor, queueNameFor } from '../queue/queue-entry.js';
import type { JobSummaryRecord } from '../records/job-record.js';
import { type JobFilters, filtersSql } from '../reads/job-filters.js';
import { assertMayChange, type Viewer, visibleScope } from '../viewer.js';
import { type CancelledJob, cancelJobs } from './cancel-jobs.js';
import { deleteJobs } from './delete-jobs.js';
import { lockJob } from './lock-job.js';
import { retryJob } from './retry-job.js';

/** Rows per transaction when deleting in bulk: short enough that no lock is held for long. */
export const DELETE_BATCH_SIZE = 2_000;

/** A breath between batches, so a purge of millions leaves the database time for everybody else. */
const PAUSE_BETWEEN_BATCHES_MS = 20;

/** Changes an owner or admin makes to jobs: cancel, retry, delete and purge. */
@Injectable()
export class JobControl {
  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
  ) {}

  /**
   * PENDING or PROCESSING → CANCELLED, with its queue entry; a running handler's AbortSignal fires.
   * JOB_ALREADY_FINISHED for a finished job.
   */
  async cancel(viewer: Viewer, id: string): Promise<CancelledJob> {
    return this.prisma.$transaction(async (tx) => {
      const job = await this.changeable(tx, viewer, id);
      const [cancelled] = await cancelJobs(tx, Prisma.sql`id = ${id}::uuid`);
      if (!cancelled) {
        throw new JobsError(ErrorCode.JOB_ALREADY_FINISHED, `Job ${id} is already ${job.status}.`, { extensions: { jobStatus: job.status } });
      }
      await this.settleCancelled(tx, [cancelled], { webhooks: true });
      return cancelled;
    });
  }

  /** FAILED or CANCELLED → PENDING with its attempts reset, under a fresh queue entry (same job id). JOB_NOT_RETRYABLE otherwise. */
  async retry(viewer: Viewer, id: string, requestId?: string): Promise<JobSummaryRecord> {
    const retried = await this.prisma.$transaction(async (tx) => {
      const job = await this.changeable(tx, viewer, id);
      const definition = this.options.catalog.find(job.type);
      if (!definition) throw new JobsError(ErrorCode.JOB_NOT_RETRYABLE, `Job type ${job.type} is no longer registered; the job cannot run again.`);
      const pending = await retryJob(tx, id);
      if (!pending) {
        throw new JobsError(ErrorCode.JOB_NOT_RETRYABLE, `Job ${id} is ${job.status}; only FAILED or CANCELLED jobs can be retried.`, {
          extensions: { jobStatus: job.status },
        });
      }
      await this.queue.remove(tx, queueNameFor(job.type), [job.queueJobId]);
      await tx.$executeRaw(await this.queue.insertSql(queueNameFor(job.type), [queueEntryFor(pending, definition, requestId)]));
      return pending;
    });
    this.queue.announce([queueNameFor(retried.type)]);
    return retried;
  }

  /** Deletes the job, its result and its queue entry; a running job is cancelled first, so its handler stops. */
  async delete(viewer: Viewer, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.changeable(tx, viewer, id);
      await this.cancelRunning(tx, Prisma.sql`id = ${id}::uuid`);
      await deleteJobs(tx, Prisma.sql`id = ${id}::uuid`, 1);
    });
  }

  /**
   * Deletes every job matching `filters`, DELETE_BATCH_SIZE rows per statement with a pause between,
   * running ones cancelled first (their handlers stop). Returns how many went.
   */
  async purge(filters: JobFilters): Promise<number> {
    let deleted = 0;
    // No status filter matches running jobs too. Once cancelled they no longer match a PROCESSING
    // filter, so they are deleted here, by id, in the transaction that cancelled them.
    // DELETE_BATCH_SIZE of them per transaction: at ten million jobs a purge can cover tens of thousands
    // of running ones, more than one transaction should hold (or finish within Prisma's 5 s).
    if (!filters.statuses?.length || filters.statuses.includes(JobStatus.PROCESSING)) {
      const running = filtersSql({ ...filters, statuses: [JobStatus.PROCESSING] });
      for (;;) {
        const count = await this.prisma.$transaction(async (tx) => {
          const cancelled = await this.cancelRunning(tx, Prisma.sql`id IN (SELECT id FROM jobs WHERE ${running} LIMIT ${DELETE_BATCH_SIZE})`);
          return cancelled.length === 0 ? 0 : deleteJobs(tx, Prisma.sql`id = ANY(${cancelled.map((job) => job.id)}::uuid[])`, cancelled.length);
        });
        deleted += count;
        if (count === 0) break;
        await sleep(PAUSE_BETWEEN_BATCHES_MS);
      }
    }
    const where = filtersSql(filters);
    for (;;) {
      const count = await deleteJobs(this.prisma, where, DELETE_BATCH_SIZE);
      deleted += count;
      if (count < DELETE_BATCH_SIZE) return deleted;
      await sleep(PAUSE_BETWEEN_BATCHES_MS);
    }
  }


  /** The job, locked, if the viewer may change it: JOB_NOT_FOUND if they cannot see it, FORBIDDEN if they may only look. */
  private async changeable(tx: TransactionClient, viewer: Viewer, id: string): Promise<JobSummaryRecord> {
    const job = await lockJob(tx, visibleScope(viewer), id);
    if (!job) throw JobsError.jobNotFound(id);
    assertMayChange(viewer, job);
    return job;
  }

  /** Cancels the running jobs among those matching `condition`, before they are deleted: no webhook, as the job will be gone. */
  private async cancelRunning(tx: TransactionClient, condition: Prisma.Sql): Promise<CancelledJob[]> {
    const running = await cancelJobs(tx, Prisma.sql`${condition} AND status = 'PROCESSING'`);
    await this.settleCancelled(tx, running, { webhooks: false });
    return running;
  }

  /** The queue entries of cancelled jobs are cancelled with them (no worker takes a pending one); finished jobs with a webhook get a delivery. */
  private async settleCancelled(tx: TransactionClient, cancelled: readonly CancelledJob[], options: { webhooks: boolean }): Promise<void> {
    for (const [type, jobs] of Map.groupBy(cancelled, (job) => job.type)) {
      await this.queue.cancel(tx, queueNameFor(type), jobs.map((job) => job.queueJobId));
    }
    if (options.webhooks) await this.queue.enqueueWebhooks(tx, cancelled.filter((job) => job.webhookUrl !== null).map((job) => job.id));
  }
}

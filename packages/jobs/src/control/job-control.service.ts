import { setTimeout as sleep } from 'node:timers/promises';
import { type BulkJobsResponse, ErrorCode, JobStatus } from '@jobs/contracts';
import { Prisma, PrismaService, type TransactionClient } from '@jobs/database';
import { Inject, Injectable } from '@nestjs/common';
import { JobsError } from '../errors.js';
import { BULK_BATCH_SIZE, JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { JobQueue } from '../queue/job-queue.js';
import { queueEntryFor, queueNameFor } from '../queue/queue-entry.js';
import type { JobSummaryRecord } from '../records/job-record.js';
import { type JobFilters, filtersSql } from '../reads/job-filters.js';
import { fromStatusSql, type Transition } from '../status-transitions.js';
import { assertMayChange, mayChangeSql, type Viewer, visibleScope } from '../viewer.js';
import { type CancelledJob, cancelJobs } from './cancel-jobs.js';
import { countBulkTargets } from './count-bulk-targets.js';
import { deleteJobs } from './delete-jobs.js';
import { type BulkPosition, findBulkPage } from './find-bulk-page.js';
import { lockJob } from './lock-job.js';
import { type RetriedJob, retryJobs } from './retry-jobs.js';

/** A bulk cancellation's outcome, with the pending jobs it cancelled by type: no worker counts those as finished. */
export interface BulkCancelOutcome extends BulkJobsResponse {
  cancelledPendingByType: Map<string, number>;
}

/** What a bulk change does to one batch of jobs (those matching `condition`), inside its transaction. */
type BatchChange<T> = (tx: TransactionClient, condition: Prisma.Sql) => Promise<T[]>;

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
      if (!this.options.catalog.find(job.type)) throw new JobsError(ErrorCode.JOB_NOT_RETRYABLE, `Job type ${job.type} is no longer registered; the job cannot run again.`);
      const [pending] = await this.requeue(tx, Prisma.sql`id = ${id}::uuid`, requestId);
      if (!pending) {
        throw new JobsError(ErrorCode.JOB_NOT_RETRYABLE, `Job ${id} is ${job.status}; only FAILED or CANCELLED jobs can be retried.`, {
          extensions: { jobStatus: job.status },
        });
      }
      return pending;
    });
    this.queue.announce([queueNameFor(retried.type)]);
    return retried;
  }

  /**
   * Retries every job matching `filters` that the viewer may change, is FAILED or CANCELLED and of a
   * type still in the catalog, as {@link retry} would one by one, in batches of `bulkBatchSize`
   * (each its own transaction). With `dryRun`, counts only.
   */
  async retryMatching(viewer: Viewer, filters: JobFilters, options: { dryRun: boolean; requestId?: string }): Promise<BulkJobsResponse> {
    const runnable = Prisma.sql`type = ANY(${this.options.catalog.names()}::text[])`;
    return this.changeMatching(viewer, filters, 'retry', runnable, options.dryRun, {
      change: (tx, condition) => this.requeue(tx, condition, options.requestId),
      committed: (retried) => this.queue.announce([...new Set(retried.map((job) => queueNameFor(job.type)))]),
    });
  }

  /**
   * Cancels every pending or running job matching `filters` that the viewer may change, as
   * {@link cancel} would one by one (running handlers are aborted, webhooks queued), in batches.
   * With `dryRun`, counts only.
   */
  async cancelMatching(viewer: Viewer, filters: JobFilters, options: { dryRun: boolean }): Promise<BulkCancelOutcome> {
    const cancelledPendingByType = new Map<string, number>();
    const outcome = await this.changeMatching(viewer, filters, 'cancel', Prisma.sql`TRUE`, options.dryRun, {
      change: async (tx, condition) => {
        const cancelled = await cancelJobs(tx, condition);
        await this.settleCancelled(tx, cancelled, { webhooks: true });
        return cancelled;
      },
      committed: (cancelled) => {
        for (const job of cancelled) {
          if (job.previousStatus === JobStatus.PENDING) cancelledPendingByType.set(job.type, (cancelledPendingByType.get(job.type) ?? 0) + 1);
        }
      },
    });
    return { ...outcome, cancelledPendingByType };
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
   * running ones cancelled first (their handlers stop). Returns how many went; with `signal`, stops
   * between batches once it aborts (what was deleted stays deleted).
   */
  async purge(filters: JobFilters, signal?: AbortSignal): Promise<number> {
    let deleted = 0;
    // No status filter matches running jobs too. Once cancelled they no longer match a PROCESSING
    // filter, so they are deleted here, by id, in the transaction that cancelled them; a batch at a
    // time, as a transaction over all of them outlasts the transaction timeout at a million rows.
    if (!filters.statuses?.length || filters.statuses.includes(JobStatus.PROCESSING)) {
      const running = filtersSql({ ...filters, statuses: [JobStatus.PROCESSING] });
      while (!signal?.aborted) {
        const count = await this.prisma.$transaction(async (tx) => {
          const cancelled = await this.cancelRunning(tx, running, DELETE_BATCH_SIZE);
          return cancelled.length === 0 ? 0 : deleteJobs(tx, Prisma.sql`id = ANY(${cancelled.map((job) => job.id)}::uuid[])`, cancelled.length);
        });
        deleted += count;
        if (count < DELETE_BATCH_SIZE) break;
        await sleep(PAUSE_BETWEEN_BATCHES_MS);
      }
    }
    const where = filtersSql(filters);
    while (!signal?.aborted) {
      const count = await deleteJobs(this.prisma, where, DELETE_BATCH_SIZE);
      deleted += count;
      if (count < DELETE_BATCH_SIZE) break;
      await sleep(PAUSE_BETWEEN_BATCHES_MS);
    }
    return deleted;
  }

  /**
   * Counts what `filters` match and why some will be left alone, then applies `change` to the rest,
   * a batch per transaction in `(created_at, id)` order (each job at most once), to the jobs that
   * existed when counting began. `committed` hears each batch after its commit.
   */
  private async changeMatching<T extends JobSummaryRecord>(
    viewer: Viewer,
    filters: JobFilters,
    transition: Transition,
    runnable: Prisma.Sql,
    dryRun: boolean,
    steps: { change: BatchChange<T>; committed: (changed: T[]) => void },
  ): Promise<BulkJobsResponse> {
    const matching = filtersSql(filters);
    const changeable = mayChangeSql(viewer);
    const movable = fromStatusSql(transition);
    const { matched, skipped, asOf } = await countBulkTargets(this.prisma, { matching, changeable, movable, runnable });
    if (dryRun) return { dryRun, matched, changed: matched - skipped.notOwner - skipped.status - skipped.unregisteredType, skipped };

    const condition = Prisma.sql`${matching} AND ${changeable} AND ${movable} AND ${runnable} AND created_at <= ${asOf}`;
    const batchSize = this.options.bulkBatchSize ?? BULK_BATCH_SIZE;
    let changed = 0;
    for (let after: BulkPosition | null = null; ; ) {
      const { page, done } = await this.prisma.$transaction(async (tx) => {
        const page = await findBulkPage(tx, condition, after, batchSize);
        const done = page.length === 0 ? [] : await steps.change(tx, Prisma.sql`id = ANY(${page.map((job) => job.id)}::uuid[]) AND ${condition}`);
        return { page, done };
      });
      changed += done.length;
      steps.committed(done);
      after = page.at(-1) ?? null;
      if (page.length < batchSize) return { dryRun, matched, changed, skipped };
      await sleep(PAUSE_BETWEEN_BATCHES_MS);
    }
  }

  /** FAILED or CANCELLED jobs matching `condition` pending again, each old queue entry replaced by a new one. */
  private async requeue(tx: TransactionClient, condition: Prisma.Sql, requestId?: string): Promise<RetriedJob[]> {
    const retried = await retryJobs(tx, condition);
    for (const [type, jobs] of Map.groupBy(retried, (job) => job.type)) {
      const definition = this.options.catalog.find(type);
      if (!definition) throw new Error(`job type ${type} is not in the catalog`);
      await this.queue.remove(tx, queueNameFor(type), jobs.map((job) => job.previousQueueJobId));
      await tx.$executeRaw(await this.queue.insertSql(queueNameFor(type), jobs.map((job) => queueEntryFor(job, definition, requestId))));
    }
    return retried;
  }

  /** The job, locked, if the viewer may change it: JOB_NOT_FOUND if they cannot see it, FORBIDDEN if they may only look. */
  private async changeable(tx: TransactionClient, viewer: Viewer, id: string): Promise<JobSummaryRecord> {
    const job = await lockJob(tx, visibleScope(viewer), id);
    if (!job) throw JobsError.jobNotFound(id);
    assertMayChange(viewer, job);
    return job;
  }

  /** Cancels the running jobs among those matching `condition`, before they are deleted: no webhook, as the job will be gone. */
  private async cancelRunning(tx: TransactionClient, condition: Prisma.Sql, limit?: number): Promise<CancelledJob[]> {
    const running = await cancelJobs(tx, Prisma.sql`${condition} AND status = 'PROCESSING'`, limit);
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

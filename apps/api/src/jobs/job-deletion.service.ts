import { setTimeout as sleep } from 'node:timers/promises';
import { type AdminDeleteJobsQuery, type DeleteJobsQuery, ErrorCode, JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import { Prisma, PrismaService } from '@jobs/database';
import { QUEUE_SCHEMA } from '@jobs/runtime';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { visibleJobs } from '../auth/visibility.js';
import { ProblemException } from '../problems/problem.exception.js';
import { type JobFilters, JobsRepository } from './jobs.repository.js';

/** Rows per transaction when deleting in bulk: short enough that no lock is held for long. */
export const DELETE_BATCH_SIZE = 2_000;

/** A breath between batches, so a purge of millions leaves the database time for everybody else. */
const PAUSE_BETWEEN_BATCHES_MS = 20;

const QUEUE_TABLE = Prisma.raw(`"${QUEUE_SCHEMA}".job`);

/**
 * Deletes jobs with their results (by foreign-key cascade) and their queue entries, in one
 * statement per batch, so nothing is left behind and no queue entry outlives its row.
 */
@Injectable()
export class JobDeletionService {
  private readonly logger = new Logger('JobDeletion');

  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: JobsRepository,
  ) {}

  /** The owner (or an admin) deletes one job; an organisation member who can see it may not. */
  async deleteOne(principal: Principal, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const job = await tx.job.findFirst({ where: { id, ...visibleJobs(principal) }, select: { ownerId: true } });
      if (!job) throw ProblemException.jobNotFound(id);
      if (!principal.isAdmin && job.ownerId !== principal.sub) {
        throw new ProblemException(403, ErrorCode.FORBIDDEN, 'Only the owner of a job or an admin can delete it.');
      }
      // A running job is cancelled first: the trigger's NOTIFY (sent at commit) aborts its handler.
      await tx.$executeRaw`UPDATE jobs SET status = 'CANCELLED', finished_at = now() WHERE id = ${id}::uuid AND status = 'PROCESSING'`;
      await tx.$executeRaw`
        WITH gone AS (DELETE FROM jobs WHERE id = ${id}::uuid RETURNING queue_name, queue_job_id)
        DELETE FROM ${QUEUE_TABLE} q USING gone g WHERE q.name = g.queue_name AND q.id = g.queue_job_id`;
    });
  }

  /** The caller's own finished jobs matching the query. */
  async deleteOwn(principal: Principal, query: DeleteJobsQuery): Promise<number> {
    const deleted = await this.deleteMatching({
      scope: { kind: 'owner', ownerId: principal.sub },
      createdTo: query.createdBefore,
      finishedTo: query.finishedBefore,
      types: query.type,
      statuses: query.status ?? [...TERMINAL_JOB_STATUSES],
    });
    this.logger.log(`${principal.sub} deleted ${deleted} of their jobs (${JSON.stringify(query)})`);
    return deleted;
  }

  /** Any owner's jobs matching the query (terminal ones unless `includeActive`); counts only on a dry run. */
  async deleteAsAdmin(principal: Principal, query: AdminDeleteJobsQuery): Promise<number> {
    const active = query.status?.filter((status) => !TERMINAL_JOB_STATUSES.includes(status)) ?? [];
    if (active.length > 0 && !query.includeActive) {
      throw ProblemException.validation([
        { field: 'status', message: `status ${active.join(', ')} is active; add includeActive=true to delete active jobs` },
      ]);
    }
    const filters: JobFilters = {
      scope: query.ownerId ? { kind: 'owner', ownerId: query.ownerId } : { kind: 'all' },
      createdTo: query.createdBefore,
      finishedTo: query.finishedBefore,
      types: query.type,
      statuses: query.status ?? (query.includeActive ? Object.values(JobStatus) : [...TERMINAL_JOB_STATUSES]),
    };
    const started = Date.now();
    if (!query.dryRun && filters.statuses?.includes(JobStatus.PROCESSING)) {
      // Running jobs are cancelled first: the trigger's NOTIFY aborts their handlers.
      await this.prisma.$executeRaw`UPDATE jobs SET status = 'CANCELLED', finished_at = now()
        WHERE status = 'PROCESSING' AND ${this.repository.filtersSql({ ...filters, statuses: [JobStatus.PROCESSING] })}`;
    }
    const deleted = query.dryRun ? await this.repository.count(filters) : await this.deleteMatching(filters);
    this.logger.log(
      `${principal.sub} ${query.dryRun ? 'would delete' : 'deleted'} ${deleted} jobs in ${Date.now() - started} ms (${JSON.stringify(query)})`,
    );
    return deleted;
  }

  /** Deletes every job matching `filters`, `DELETE_BATCH_SIZE` rows per transaction; returns how many. */
  private async deleteMatching(filters: JobFilters): Promise<number> {
    const where = this.repository.filtersSql(filters);
    let deleted = 0;
    for (;;) {
      const [batch] = await this.prisma.$queryRaw<{ deleted: number }[]>`
        WITH doomed AS (
          SELECT id FROM jobs WHERE ${where} LIMIT ${DELETE_BATCH_SIZE} FOR UPDATE
        ), gone AS (
          DELETE FROM jobs j USING doomed d WHERE j.id = d.id RETURNING j.queue_name, j.queue_job_id
        ), unqueued AS (
          DELETE FROM ${QUEUE_TABLE} q USING gone g WHERE q.name = g.queue_name AND q.id = g.queue_job_id
        )
        SELECT count(*)::int AS deleted FROM gone`;
      const count = batch?.deleted ?? 0;
      deleted += count;
      if (count < DELETE_BATCH_SIZE) return deleted;
      await sleep(PAUSE_BETWEEN_BATCHES_MS);
    }
  }
}


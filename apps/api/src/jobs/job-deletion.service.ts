import { JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import type { AdminDeleteJobsQuery, DeleteJobsQuery } from '@jobs/dto';
import { JobControl, type JobFilters, JobReads, JobsError } from '@jobs/jobs';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';

/** Bulk deletions by query, each logged with who asked for it. */
@Injectable()
export class JobDeletionService {
  private readonly logger = new Logger('JobDeletion');

  constructor(
    private readonly control: JobControl,
    private readonly reads: JobReads,
  ) {}

  /** The caller's own finished jobs matching the query. */
  async deleteOwn(principal: Principal, query: DeleteJobsQuery): Promise<number> {
    const deleted = await this.control.purge({
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
      throw JobsError.validation([{ field: 'status', message: `status ${active.join(', ')} is active; add includeActive=true to delete active jobs` }]);
    }
    const filters: JobFilters = {
      scope: query.ownerId ? { kind: 'owner', ownerId: query.ownerId } : { kind: 'all' },
      createdTo: query.createdBefore,
      finishedTo: query.finishedBefore,
      types: query.type,
      statuses: query.status ?? (query.includeActive ? Object.values(JobStatus) : [...TERMINAL_JOB_STATUSES]),
    };
    const started = Date.now();
    const deleted = query.dryRun ? await this.reads.count(filters) : await this.control.purge(filters);
    this.logger.log(
      `${principal.sub} ${query.dryRun ? 'would delete' : 'deleted'} ${deleted} jobs in ${Date.now() - started} ms (${JSON.stringify(query)})`,
    );
    return deleted;
  }
}

import { AdminDeleteJobsQuery, DeleteJobsResponse, JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import { Controller, Delete, Logger, Query, UseGuards } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AdminGuard } from '../auth/roles.guard.js';
import { JobDeletionService } from '../jobs/job-deletion.service.js';
import type { JobFilters } from '../jobs/jobs.repository.js';
import { ProblemException } from '../problems/problem.exception.js';

@Controller('admin/jobs')
@UseGuards(AdminGuard)
export class AdminJobsController {
  private readonly logger = new Logger('AdminJobs');

  constructor(private readonly deletion: JobDeletionService) {}

  /** Bulk delete across every owner by date, in batches; `dryRun` only counts. */
  @Delete()
  async delete(@CurrentPrincipal() principal: Principal, @Query() query: AdminDeleteJobsQuery): Promise<DeleteJobsResponse> {
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
    const dryRun = query.dryRun ?? false;
    const started = Date.now();
    const deleted = dryRun ? await this.deletion.count(filters) : await this.deletion.deleteMatching(filters);
    this.logger.log(
      `${principal.sub} ${dryRun ? 'would delete' : 'deleted'} ${deleted} jobs in ${Date.now() - started} ms (${JSON.stringify(query)})`,
    );
    return { deleted, dryRun };
  }
}

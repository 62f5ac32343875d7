import type { BulkJobsQuery, BulkJobsResponse } from '@jobs/dto';
import { JobControl, type JobFilters, JobsError } from '@jobs/jobs';
import { MetricsService } from '@jobs/runtime';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { jobFiltersOf } from './job-filters.js';

/** The query parameters that narrow a bulk change; the scope's (`scope`, `ownerId`) only choose whose jobs. */
const NARROWING_FILTERS = ['type', 'status', 'resultType', 'errorCode', 'createdFrom', 'createdTo', 'finishedFrom', 'finishedTo', 'q', 'scheduleId'] as const;

/** Retry and cancel by filter, each logged with who asked for it and what it did. */
@Injectable()
export class JobBulkService {
  private readonly logger = new Logger('JobBulk');

  constructor(
    private readonly control: JobControl,
    private readonly metrics: MetricsService,
  ) {}

  async retry(principal: Principal, query: BulkJobsQuery, requestId: string | undefined): Promise<BulkJobsResponse> {
    const started = Date.now();
    const outcome = await this.control.retryMatching(principal, this.filtersOf(principal, query), { dryRun: query.dryRun ?? false, ...(requestId ? { requestId } : {}) });
    this.log(principal, 'retry', query, outcome, started);
    return outcome;
  }

  async cancel(principal: Principal, query: BulkJobsQuery): Promise<BulkJobsResponse> {
    const started = Date.now();
    const { cancelledPendingByType, ...outcome } = await this.control.cancelMatching(principal, this.filtersOf(principal, query), { dryRun: query.dryRun ?? false });
    // As for a single cancel: running jobs are counted by the workers whose handlers stop, pending ones here.
    for (const [type, count] of cancelledPendingByType) this.metrics.jobsFinished.inc({ type, status: 'CANCELLED' }, count);
    this.log(principal, 'cancel', query, outcome, started);
    return outcome;
  }

  /** The query's filters; with none, `all=true` must say that every job of the scope is meant. */
  private filtersOf(principal: Principal, query: BulkJobsQuery): JobFilters {
    const filters = jobFiltersOf(principal, query);
    if (!query.all && NARROWING_FILTERS.every((name) => query[name] === undefined)) {
      throw JobsError.validation([{ field: 'all', message: `give at least one filter (${NARROWING_FILTERS.join(', ')}), or all=true to change every job of the scope` }]);
    }
    return filters;
  }

  private log(principal: Principal, change: 'retry' | 'cancel', query: BulkJobsQuery, outcome: BulkJobsResponse, started: number): void {
    const verb = outcome.dryRun ? `would ${change}` : change === 'retry' ? 'retried' : 'cancelled';
    this.logger.log(
      `${principal.sub} ${verb} ${outcome.changed} of ${outcome.matched} matching jobs in ${Date.now() - started} ms (skipped ${JSON.stringify(outcome.skipped)}; ${JSON.stringify(query)})`,
    );
  }
}

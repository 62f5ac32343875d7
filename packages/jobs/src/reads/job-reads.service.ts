import { ErrorCode, JobStatus, type JobStatsResponse, type JobStatsTimelineResponse } from '@jobs/contracts';
import { PrismaService } from '@jobs/database';
import { Injectable } from '@nestjs/common';
import { JobsError } from '../errors.js';
import type { JobRecord, JobSummaryRecord, ResultRecord } from '../records/job-record.js';
import { type JobScope, type Viewer, visibleScope } from '../viewer.js';
import { countJobs } from './count-jobs.js';
import { findJob, findJobWithResult, findResultWithJob } from './find-jobs.js';
import type { JobFilters } from './job-filters.js';
import { computeJobStats } from './job-stats.js';
import { computeStatsTimeline } from './job-stats-timeline.js';
import { type AttemptRecord, listAttempts } from './list-attempts.js';
import { listJobs, type PageRequest } from './list-jobs.js';
import { lastJobLogSeq } from '../logs/last-job-log-seq.js';
import { type JobLogRecord, listJobLogs } from '../logs/list-job-logs.js';
import type { TimelineWindow } from './timeline-window.js';

/** What the API reads of jobs; every read of one job is scoped to what the viewer may see. */
@Injectable()
export class JobReads {
  constructor(private readonly prisma: PrismaService) {}

  /** The job, or JOB_NOT_FOUND when it does not exist or the viewer may not see it. */
  async findVisible(viewer: Viewer, id: string): Promise<JobRecord> {
    const job = await findJob(this.prisma, visibleScope(viewer), id);
    if (!job) throw JobsError.jobNotFound(id);
    return job;
  }

  async findVisibleWithResult(viewer: Viewer, id: string): Promise<{ job: JobRecord; result: ResultRecord | null }> {
    const found = await findJobWithResult(this.prisma, visibleScope(viewer), id);
    if (!found) throw JobsError.jobNotFound(id);
    return found;
  }

  /** The job's result; JOB_NOT_COMPLETED (with the job's status) while it has none. */
  async findResult(viewer: Viewer, id: string): Promise<ResultRecord> {
    const { job, result } = await this.findVisibleWithResult(viewer, id);
    if (job.status !== JobStatus.COMPLETED || !result) {
      const unfinished = job.status === JobStatus.PENDING || job.status === JobStatus.PROCESSING;
      throw new JobsError(ErrorCode.JOB_NOT_COMPLETED, `Job ${id} is ${job.status}; its result is not available.`, {
        extensions: { jobStatus: job.status },
        ...(unfinished ? { retryAfterSeconds: 1 } : {}),
      });
    }
    return result;
  }

  /** A result by its own id, with the job that made it: visible exactly when that job is. */
  async findVisibleResult(viewer: Viewer, resultId: string): Promise<{ job: JobRecord; result: ResultRecord }> {
    const found = await findResultWithJob(this.prisma, visibleScope(viewer), resultId);
    if (!found) throw JobsError.resultNotFound(resultId);
    return found;
  }

  /** The job's attempts, oldest first; JOB_NOT_FOUND when the viewer may not see the job. */
  async attempts(viewer: Viewer, id: string): Promise<AttemptRecord[]> {
    const attempts = await listAttempts(this.prisma, visibleScope(viewer), id);
    if (!attempts) throw JobsError.jobNotFound(id);
    return attempts;
  }

  /** A job by id, unscoped: for a stream whose viewer was checked when it opened. */
  findById(id: string): Promise<{ job: JobRecord; result: ResultRecord | null } | null> {
    return findJobWithResult(this.prisma, { kind: 'all' }, id);
  }

  /** Up to `limit` lines of the job's log after `after`; JOB_NOT_FOUND when the viewer may not see the job. */
  async findVisibleLogs(viewer: Viewer, id: string, after: number, limit: number): Promise<JobLogRecord[]> {
    await this.findVisible(viewer, id);
    return listJobLogs(this.prisma, id, after, limit);
  }

  /** Log lines after `after`, unscoped: for a stream whose viewer was checked when it opened. */
  logsAfter(id: string, after: number, limit: number): Promise<JobLogRecord[]> {
    return listJobLogs(this.prisma, id, after, limit);
  }

  /** The `seq` of the job's last log line (0 for none). */
  lastLogSeq(id: string): Promise<number> {
    return lastJobLogSeq(this.prisma, id);
  }

  list(filters: JobFilters, page: PageRequest): Promise<JobSummaryRecord[]> {
    return listJobs(this.prisma, filters, page);
  }

  count(filters: JobFilters): Promise<number> {
    return countJobs(this.prisma, filters);
  }

  stats(scope: JobScope): Promise<JobStatsResponse> {
    return computeJobStats(this.prisma, scope);
  }

  /** Counts per bucket of the window and durations by type, of the scope's jobs of `types` (all when empty). */
  statsTimeline(scope: JobScope, window: TimelineWindow, types: readonly string[] = []): Promise<JobStatsTimelineResponse> {
    return computeStatsTimeline(this.prisma, scope, window, types);
  }
}

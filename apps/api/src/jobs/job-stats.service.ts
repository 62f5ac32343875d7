import type { JobStatsResponse, JobStatsTimelineResponse } from '@jobs/contracts';
import type { JobStatsQuery, JobStatsTimelineQuery } from '@jobs/dto';
import { JobReads, requestedScope, scopeKey, timelineWindow } from '@jobs/jobs';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ApiEnvironment } from '../config/api-environment.js';
import { FiguresCache } from './figures-cache.js';

/** Statistics per scope, served from memory for STATS_CACHE_SECONDS: dashboards poll them. */
@Injectable()
export class JobStatsService {
  private readonly totals: FiguresCache<JobStatsResponse>;
  private readonly timelines: FiguresCache<JobStatsTimelineResponse>;

  constructor(
    private readonly reads: JobReads,
    env: ApiEnvironment,
  ) {
    this.totals = new FiguresCache(env.STATS_CACHE_SECONDS * 1000);
    this.timelines = new FiguresCache(env.STATS_CACHE_SECONDS * 1000);
  }

  stats(principal: Principal, query: JobStatsQuery): Promise<JobStatsResponse> {
    const scope = requestedScope(principal, query);
    return this.totals.get(scopeKey(scope), () => this.reads.stats(scope), query.refresh);
  }

  /** Whole buckets: a default window ends with the current bucket, so polls within it share one computation. */
  statsTimeline(principal: Principal, query: JobStatsTimelineQuery): Promise<JobStatsTimelineResponse> {
    const scope = requestedScope(principal, query);
    const window = timelineWindow(query, new Date());
    const types = [...new Set(query.type ?? [])].sort();
    const key = JSON.stringify([scopeKey(scope), window.bucket, window.from.toISOString(), window.to.toISOString(), types]);
    return this.timelines.get(key, () => this.reads.statsTimeline(scope, window, types), query.refresh);
  }
}

import type { JobStatsResponse } from '@jobs/contracts';
import type { JobStatsQuery } from '@jobs/dto';
import { JobReads, requestedScope, scopeKey } from '@jobs/jobs';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ApiEnvironment } from '../config/api-environment.js';

interface CachedStats {
  expiresAt: number;
  stats: Promise<JobStatsResponse>;
}

/** Entries kept at most; the oldest go first. */
const CACHE_CAPACITY = 10_000;

/** Statistics per scope, served from memory for STATS_CACHE_SECONDS: dashboards poll them. */
@Injectable()
export class JobStatsService {
  private readonly cache = new Map<string, CachedStats>();

  constructor(
    private readonly reads: JobReads,
    private readonly env: ApiEnvironment,
  ) {}

  async stats(principal: Principal, query: JobStatsQuery): Promise<JobStatsResponse> {
    const scope = requestedScope(principal, query);
    const key = scopeKey(scope);
    const cached = this.cache.get(key);
    if (!query.refresh && cached && cached.expiresAt > Date.now()) return cached.stats;

    // Concurrent requests for one scope share a computation; a failed one is not cached.
    const stats = this.reads.stats(scope);
    this.cache.delete(key);
    this.cache.set(key, { expiresAt: Date.now() + this.env.STATS_CACHE_SECONDS * 1000, stats });
    if (this.cache.size > CACHE_CAPACITY) this.cache.delete(this.cache.keys().next().value as string);
    stats.catch(() => this.cache.get(key)?.stats === stats && this.cache.delete(key));
    return stats;
  }
}

import { PrismaService } from '@jobs/database';
import { Injectable } from '@nestjs/common';
import { JobControl } from '../control/job-control.service.js';
import { type RetentionPolicy, retentionRules } from './retention-policy.js';
import { tryRetentionLock } from './try-retention-lock.js';

/** What one retention run purged, by rule (`default` or a type), and how long it took. */
export interface RetentionRun {
  purged: number;
  purgedByRule: Map<string, number>;
  durationMs: number;
}

/**
 * A run lasts as long as its purges: the lock's transaction stays open (idle, holding only the
 * lock) while the batches commit on other connections, so it may last long.
 */
const RUN_TIMEOUT_MS = 6 * 60 * 60 * 1000;

/**
 * Purges finished jobs older than the policy's ages, with the admin purge's batches. Every worker
 * may call it; one at a time runs (an advisory lock), the others return null at once.
 */
@Injectable()
export class JobRetention {
  constructor(
    private readonly prisma: PrismaService,
    private readonly control: JobControl,
  ) {}

  /**
   * A run under the lock, or null when another worker is running one; `signal` ends it between batches. The lock is an advisory lock
   * rather than a pg-boss singleton job: a run then never waits behind the backlog of the queues it
   * cleans, and a worker that dies mid-run frees it with its connection, not after an expiry.
   */
  async purgeExpired(policy: RetentionPolicy, signal?: AbortSignal): Promise<RetentionRun | null> {
    return this.prisma.$transaction(
      async (tx) => {
        if (!(await tryRetentionLock(tx))) return null;
        const started = performance.now();
        const purgedByRule = new Map<string, number>();
        for (const rule of retentionRules(policy, new Date())) {
          if (signal?.aborted) break;
          purgedByRule.set(rule.name, await this.control.purge(rule.filters, signal));
        }
        const purged = [...purgedByRule.values()].reduce((sum, count) => sum + count, 0);
        return { purged, purgedByRule, durationMs: performance.now() - started };
      },
      { timeout: RUN_TIMEOUT_MS, maxWait: 10_000 },
    );
  }
}

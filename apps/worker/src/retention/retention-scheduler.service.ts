import { JobRetention, type RetentionPolicy, retentionEnabled } from '@jobs/jobs';
import { MetricsService } from '@jobs/runtime';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkerEnvironment } from '../config/worker-environment.js';
import { retentionPolicyOf } from './retention-settings.js';

/**
 * Tries a retention run every JOB_RETENTION_INTERVAL_SECONDS when a retention age is set (off by
 * default). Every worker tries; the domain lets one run at a time, and the others skip that turn.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly policy: RetentionPolicy;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Aborted at shutdown: a run in progress stops after its current batch. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly env: WorkerEnvironment,
    private readonly retention: JobRetention,
    private readonly metrics: MetricsService,
  ) {
    this.policy = retentionPolicyOf(env);
  }

  onApplicationBootstrap(): void {
    if (!retentionEnabled(this.policy)) return;
    const ages = [
      ...(this.env.JOB_RETENTION ? [`default ${this.env.JOB_RETENTION}`] : []),
      ...(this.env.JOB_RETENTION_BY_TYPE ? [this.env.JOB_RETENTION_BY_TYPE] : []),
    ];
    this.logger.log(`retention on (${ages.join('; ')}), tried every ${this.env.JOB_RETENTION_INTERVAL_SECONDS} s`);
    this.scheduleNext();
  }

  /** Stops trying, and ends a run in progress after its current batch (each batch commits on its own). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private scheduleNext(): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = null;
        if (!this.stopping.signal.aborted) this.scheduleNext();
      });
    }, this.env.JOB_RETENTION_INTERVAL_SECONDS * 1000);
  }

  private async runOnce(): Promise<void> {
    try {
      const run = await this.retention.purgeExpired(this.policy, this.stopping.signal);
      if (run === null) {
        this.metrics.retentionRuns.inc({ outcome: 'skipped' });
        this.logger.debug("retention skipped: another worker's run holds the lock");
        return;
      }
      this.metrics.retentionRuns.inc({ outcome: 'purged' });
      this.metrics.retentionRunDuration.observe(run.durationMs / 1000);
      for (const [rule, purged] of run.purgedByRule) this.metrics.retentionJobsPurged.inc({ rule }, purged);
      const byRule = [...run.purgedByRule].map(([rule, purged]) => `${rule}: ${purged}`).join(', ');
      this.logger.log(`retention purged ${run.purged} finished jobs in ${Math.round(run.durationMs)} ms (${byRule})`);
    } catch (error) {
      this.metrics.retentionRuns.inc({ outcome: 'failed' });
      this.logger.error(`retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

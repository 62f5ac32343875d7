import { setTimeout as sleep } from 'node:timers/promises';
import { FIRING_BATCH_SIZE, ScheduleFiring } from '@jobs/jobs';
import { MetricsService } from '@jobs/runtime';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';

/** How often a worker looks for due schedules: a firing is made within about this long of its time. */
const FIRING_INTERVAL_MS = 1_000;

/**
 * Every worker fires due schedules, once a second: the domain's firing settles which worker makes
 * each job (row locks, and the database's unique rule on a firing's job), so any number may run.
 */
@Injectable()
export class ScheduleFiringLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Schedules');
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly firings: Counter<'type' | 'outcome'>;
  private readonly lateness: Histogram<'type'>;

  constructor(
    private readonly firing: ScheduleFiring,
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    this.firings = new Counter({
      name: 'schedule_firings_total',
      help: 'Schedule firings by this worker, by job type and outcome: `created` a job, `existing` (its job was made already), `skipped` (type not in this catalog).',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.lateness = new Histogram({
      name: 'schedule_firing_lateness_seconds',
      help: 'Seconds from a firing\'s planned time to the commit of its job, by job type.',
      labelNames: ['type'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600],
      registers,
    });
    new Gauge({
      name: 'schedules',
      help: 'Schedules stored, by whether they are enabled (read at each scrape).',
      labelNames: ['enabled'],
      registers,
      async collect() {
        const counts = await firing.count();
        this.set({ enabled: 'true' }, counts.enabled);
        this.set({ enabled: 'false' }, counts.disabled);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let fired = 0;
      try {
        fired = await this.fireOnce();
      } catch (error) {
        // The transaction rolled back: the schedules are still due, and the next pass fires them.
        this.logger.warn(`firing schedules failed; retrying: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (fired >= FIRING_BATCH_SIZE) continue;
      await sleep(FIRING_INTERVAL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private async fireOnce(): Promise<number> {
    const firings = await this.firing.fireDue();
    const committedAt = Date.now();
    let created = 0;
    for (const firing of firings) {
      const outcome = firing.jobId ? 'created' : firing.skipped ? 'skipped' : 'existing';
      this.firings.inc({ type: firing.type, outcome });
      if (firing.jobId) {
        created += 1;
        this.lateness.observe({ type: firing.type }, Math.max(0, committedAt - firing.plannedAt.getTime()) / 1000);
      }
    }
    // One line per pass that fired anything, not per job: a thousand minutely schedules are a thousand jobs a minute.
    if (firings.length > 0) this.logger.log(`fired ${firings.length} due schedule(s): ${created} job(s) made`);
    return firings.length;
  }
}

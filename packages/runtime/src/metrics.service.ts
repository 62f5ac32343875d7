import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { QueueStatus } from '@jobs/jobs';

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  /** `api` or `worker`: every series carries it as the `app` label. */
  app: string;
}

/** This process's Prometheus metrics: its own, plus the queue's depth read at each scrape. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly jobsSubmitted: Counter<'type'>;
  readonly jobsFinished: Counter<'type' | 'status'>;
  readonly jobDuration: Histogram<'type' | 'status'>;
  /** Set by the API only: its open Server-Sent Events streams. */
  readonly eventStreamsOpen: Gauge<'stream'>;
  /** Workers only: retention runs by outcome, the jobs they purged by rule, and how long they took. */
  readonly retentionRuns: Counter<'outcome'>;
  readonly retentionJobsPurged: Counter<'rule'>;
  readonly retentionRunDuration: Histogram;

  constructor(@Inject(METRICS_OPTIONS) options: MetricsOptions, queue: QueueStatus) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ app: options.app });
    collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.jobsSubmitted = new Counter({ name: 'jobs_submitted_total', help: 'Jobs accepted, by type.', labelNames: ['type'], registers });
    this.jobsFinished = new Counter({
      name: 'jobs_finished_total',
      help: 'Jobs finished, by type and final status (COMPLETED, FAILED, CANCELLED): workers count the jobs they ran, the API the pending jobs it cancelled.',
      labelNames: ['type', 'status'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Time from a job attempt starting to its end, by type and final status.',
      labelNames: ['type', 'status'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
      registers,
    });
    this.eventStreamsOpen = new Gauge({
      name: 'sse_streams_open',
      help: "Server-Sent Events streams open on this API process, by stream: a job's (`job`) or the jobs feed (`feed`).",
      labelNames: ['stream'],
      registers,
    });
    this.retentionRuns = new Counter({
      name: 'jobs_retention_runs_total',
      help: "Retention runs this worker tried, by outcome: `purged` (it ran), `skipped` (another worker's run held the lock), `failed`.",
      labelNames: ['outcome'],
      registers,
    });
    this.retentionJobsPurged = new Counter({
      name: 'jobs_retention_purged_total',
      help: 'Finished jobs purged by retention, by rule: the job type with an age of its own, or `default`.',
      labelNames: ['rule'],
      registers,
    });
    this.retentionRunDuration = new Histogram({
      name: 'jobs_retention_run_duration_seconds',
      help: 'How long the retention runs this worker made took.',
      buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
      registers,
    });
    new Gauge({
      name: 'jobs_queue_depth',
      help: 'Queue entries by queue and state, as of the last pg-boss monitor pass.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const depth of await queue.depths()) {
          this.set({ queue: depth.queue, state: 'deferred' }, depth.deferred);
          this.set({ queue: depth.queue, state: 'queued' }, depth.queued);
          this.set({ queue: depth.queue, state: 'active' }, depth.active);
        }
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

import { NotificationListener } from '@jobs/database';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { CHANNELS, type JobChange, parseJobChanges } from './channels.js';

/** `change` for a job's new status or progress; `resync` after a lost connection, when changes may have gone unheard. */
export type JobChangeHandler = (signal: { kind: 'change'; change: JobChange } | { kind: 'resync' }) => void;

/**
 * This API process's one LISTEN connection on `job_events`, fanned out to subscribers by job id:
 * streams are pushed from PostgreSQL's NOTIFY, never by polling the table per client.
 */
@Injectable()
export class JobChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('JobChanges');
  private readonly subscribers = new Map<string, Set<JobChangeHandler>>();
  private readonly listener: NotificationListener;

  constructor(@Inject(JOBS_OPTIONS) options: JobsOptions) {
    this.listener = new NotificationListener({ url: options.url, channels: [CHANNELS.jobChanges], log: (message) => this.logger.warn(message) });
    this.listener.on('notification', (_channel, payload) => this.dispatch(payload));
    this.listener.on('reconnected', () => {
      for (const handlers of this.subscribers.values()) for (const handler of handlers) handler({ kind: 'resync' });
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  get listening(): boolean {
    return this.listener.connected;
  }

  /** Handlers currently subscribed, across all jobs. */
  get subscriberCount(): number {
    let count = 0;
    for (const handlers of this.subscribers.values()) count += handlers.size;
    return count;
  }

  /** Calls `handler` for each change of the job until the returned function is called. */
  subscribe(jobId: string, handler: JobChangeHandler): () => void {
    const handlers = this.subscribers.get(jobId) ?? new Set<JobChangeHandler>();
    handlers.add(handler);
    this.subscribers.set(jobId, handlers);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.subscribers.get(jobId) === handlers) this.subscribers.delete(jobId);
    };
  }

  private dispatch(payload: string): void {
    const changes = parseJobChanges(payload);
    if (changes.length === 0) this.logger.warn(`ignoring an unreadable job change notification: ${payload.slice(0, 200)}`);
    for (const change of changes) {
      const handlers = this.subscribers.get(change.id);
      if (handlers) for (const handler of [...handlers]) handler({ kind: 'change', change });
    }
  }
}

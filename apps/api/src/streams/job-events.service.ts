import type { JobProgress, JobStatus } from '@jobs/contracts';
import { NotificationListener } from '@jobs/database';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ApiEnvironment } from '../config/api-environment.js';

/** What the `jobs_notify_event` trigger announces on every status or progress change. */
export interface JobEvent {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  attempts: number;
  /** The row's updated_at in epoch milliseconds: increases with every change of the job. */
  updatedAt: number;
}

/** `event` for a change; `resync` after a lost connection, when changes may have gone unheard. */
export type JobEventHandler = (signal: { kind: 'event'; event: JobEvent } | { kind: 'resync' }) => void;

export const JOB_EVENTS_CHANNEL = 'job_events';

/**
 * This API process's one LISTEN connection, fanned out to its subscribers by job id: streams are
 * pushed from PostgreSQL's NOTIFY, never by polling the table per client.
 */
@Injectable()
export class JobEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(JobEventsService.name);
  private readonly subscribers = new Map<string, Set<JobEventHandler>>();
  private readonly listener: NotificationListener;

  constructor(env: ApiEnvironment) {
    this.listener = new NotificationListener({
      url: env.DATABASE_URL,
      channels: [JOB_EVENTS_CHANNEL],
      log: (message) => this.logger.warn(message),
    });
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
  subscribe(jobId: string, handler: JobEventHandler): () => void {
    const handlers = this.subscribers.get(jobId) ?? new Set<JobEventHandler>();
    handlers.add(handler);
    this.subscribers.set(jobId, handlers);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.subscribers.get(jobId) === handlers) this.subscribers.delete(jobId);
    };
  }

  private dispatch(payload: string): void {
    let event: JobEvent;
    try {
      event = JSON.parse(payload) as JobEvent;
    } catch {
      this.logger.warn(`ignoring a malformed job event: ${payload.slice(0, 200)}`);
      return;
    }
    const handlers = this.subscribers.get(event.id);
    if (handlers) for (const handler of [...handlers]) handler({ kind: 'event', event });
  }
}

import { NotificationListener, sessionUrl } from '@jobs/database';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { CHANNELS, type JobChange, type JobCreation, parseJobChanges, parseJobCreations, parseJobLogNotices } from './channels.js';
import { type FeedFilter, feedIncludes } from './feed-filter.js';

/**
 * `change` for a job's new status or progress; `logs` when its log reached line `seq`; `resync` after
 * a lost connection, when changes and lines may have gone unheard.
 */
export type JobChangeHandler = (signal: { kind: 'change'; change: JobChange } | { kind: 'logs'; seq: number } | { kind: 'resync' }) => void;

/** What a feed hears: jobs created and changed in its filter, and `resync` after a lost connection, when some may have gone unheard. */
export type JobFeedSignal = { kind: 'created'; job: JobCreation } | { kind: 'changed'; change: JobChange } | { kind: 'resync' };
export type JobFeedHandler = (signal: JobFeedSignal) => void;

/**
 * This API process's one LISTEN connection, on `job_events`, `jobs_created` and `job_logs`, fanned
 * out to the streams of single jobs (by job id: changes and new log lines) and to feeds (each change matched against each feed's filter,
 * from the notification alone): streams and feeds are pushed from PostgreSQL's NOTIFY, never by
 * polling or reading the table per client.
 */
@Injectable()
export class JobChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('JobChanges');
  private readonly subscribers = new Map<string, Set<JobChangeHandler>>();
  private readonly feeds = new Map<JobFeedHandler, FeedFilter>();
  private readonly listener: NotificationListener;

  constructor(@Inject(JOBS_OPTIONS) options: JobsOptions) {
    this.listener = new NotificationListener({
      url: sessionUrl(options),
      channels: [CHANNELS.jobChanges, CHANNELS.jobsCreated, CHANNELS.jobLogs],
      log: (message) => this.logger.warn(message),
    });
    this.listener.on('notification', (channel, payload) => {
      if (channel === CHANNELS.jobsCreated) this.dispatchCreations(payload);
      else if (channel === CHANNELS.jobLogs) this.dispatchLogs(payload);
      else this.dispatchChanges(payload);
    });
    this.listener.on('reconnected', () => {
      for (const handlers of this.subscribers.values()) for (const handler of [...handlers]) handler({ kind: 'resync' });
      for (const handler of [...this.feeds.keys()]) handler({ kind: 'resync' });
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

  /** Handlers currently subscribed: to single jobs, and feeds. */
  get subscriberCount(): number {
    let count = this.feeds.size;
    for (const handlers of this.subscribers.values()) count += handlers.size;
    return count;
  }

  /** Calls `handler` for each change of the job, and each batch of its log lines, until the returned function is called. */
  subscribe(jobId: string, handler: JobChangeHandler): () => void {
    const handlers = this.subscribers.get(jobId) ?? new Set<JobChangeHandler>();
    handlers.add(handler);
    this.subscribers.set(jobId, handlers);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.subscribers.get(jobId) === handlers) this.subscribers.delete(jobId);
    };
  }

  /**
   * Calls `handler` for each job created or changed within `filter`, until the returned function is
   * called. Not announced: deletions (a feed's client learns of them when it refetches).
   */
  watch(filter: FeedFilter, handler: JobFeedHandler): () => void {
    this.feeds.set(handler, filter);
    return () => this.feeds.delete(handler);
  }

  private dispatchChanges(payload: string): void {
    const changes = parseJobChanges(payload);
    if (changes.length === 0) this.logger.warn(`ignoring an unreadable job change notification: ${payload.slice(0, 200)}`);
    const feeds = [...this.feeds];
    for (const change of changes) {
      const handlers = this.subscribers.get(change.id);
      if (handlers) for (const handler of [...handlers]) handler({ kind: 'change', change });
      for (const [handler, filter] of feeds) if (feedIncludes(filter, change)) handler({ kind: 'changed', change });
    }
  }

  private dispatchLogs(payload: string): void {
    for (const notice of parseJobLogNotices(payload)) {
      const handlers = this.subscribers.get(notice.id);
      if (handlers) for (const handler of [...handlers]) handler({ kind: 'logs', seq: notice.seq });
    }
  }

  private dispatchCreations(payload: string): void {
    const jobs = parseJobCreations(payload);
    if (jobs.length === 0) this.logger.warn(`ignoring an unreadable job creation notification: ${payload.slice(0, 200)}`);
    const feeds = [...this.feeds];
    for (const job of jobs) for (const [handler, filter] of feeds) if (feedIncludes(filter, job)) handler({ kind: 'created', job });
  }
}

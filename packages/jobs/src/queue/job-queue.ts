import { type TransactionClient, NotificationListener, Prisma, poolerInFront, sessionUrl } from '@jobs/database';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Db, type JobInsert, PgBoss, fromPrisma } from 'pg-boss';
import { Batcher } from '../batcher.js';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { CHANNELS } from '../notifications/channels.js';
import type { QueueDepth, QueueStatus } from './queue-status.js';
import { type QueueMessage, WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS, queueNameFor, queueOptionsFor } from './queue-entry.js';

/** The PostgreSQL schema pg-boss keeps its tables in; the statements of this package that join them name it. */
export const QUEUE_SCHEMA = 'pgboss';

/** A queue entry a worker fetched: `retryCount` names the attempt, and fences every later call about it. */
export interface FetchedEntry {
  id: string;
  retryCount: number;
  message: QueueMessage;
  /** Fetched for a tenant within its share (a fetch with a tenant limit). */
  withinShare: boolean;
}

/**
 * Announcements of one process are at least this far apart: a submission on a quiet system is
 * announced at once; under load the jobs committed meanwhile go out together. Every job committed
 * inside the window waits for its end before a worker hears of it (half the window on average), so
 * the window is short: 2 ms keeps a busy API at no more than 500 NOTIFY statements a second.
 */
const ANNOUNCE_SPACING_MS = 2;

/**
 * pg-boss, behind the job domain: this process's instance, its queues (one per job type, and the
 * webhook queue), and the calls the lifecycle makes on queue entries. Nothing outside the package
 * sees pg-boss.
 */
@Injectable()
export class JobQueue implements QueueStatus, OnModuleInit, BeforeApplicationShutdown {
  private readonly boss: PgBoss;
  private readonly logger = new Logger('JobQueue');
  private readonly announcements = new Batcher<string, void>((queues) => this.sendAnnouncements(queues), { maxItems: 1000, spacingMs: ANNOUNCE_SPACING_MS });
  /** Worker only: hears announcements and wakes whoever waits for that queue. */
  private readonly wakeups: NotificationListener | null;
  private readonly wakeHandlers = new Map<string, Set<() => void>>();

  constructor(@Inject(JOBS_OPTIONS) private readonly options: JobsOptions) {
    const isWorker = options.role === 'worker';
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: QUEUE_SCHEMA,
      max: options.poolSize ?? 10,
      application_name: `jobs-${options.role}`,
      // A worker's pg-boss statements (fetches, heartbeats, attempts handed back, maintenance) commit
      // without waiting for the WAL flush, which under load is the longest wait on the way to a job's
      // start. Losing one to a crash of PostgreSQL is what losing a worker already causes (the entry
      // is fetched again, or expires and is retried), and the claim that follows a fetch waits for
      // the flush of both. Writes about jobs go through Prisma's connections, which wait. A pooler
      // refuses settings at connection start (and would not keep them for us): through one, they wait.
      ...(isWorker && !poolerInFront(options) ? { options: '-c synchronous_commit=off' } : {}),
      // Maintenance (expiring entries whose heartbeat stopped, retention) runs in workers.
      supervise: isWorker,
      ...(options.superviseIntervalSeconds
        ? { superviseIntervalSeconds: options.superviseIntervalSeconds, monitorIntervalSeconds: options.superviseIntervalSeconds }
        : {}),
      schedule: false,
      // Wake-ups are ours (CHANNELS.queueWakeups), sent after commits rather than inside them.
      useListenNotify: false,
    });
    this.boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`, error.stack));
    this.wakeups = isWorker ? new NotificationListener({ url: sessionUrl(options), channels: [CHANNELS.queueWakeups], log: (message) => this.logger.warn(message) }) : null;
    this.wakeups?.on('notification', (_channel, queue) => this.wake(queue));
    // Announcements sent while the listener was away were missed: everyone looks once.
    this.wakeups?.on('reconnected', () => {
      for (const queue of this.wakeHandlers.keys()) this.wake(queue);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    // createQueue leaves an existing queue as it is; the update brings it to this version's settings.
    for (const definition of this.options.catalog.definitions) await this.ensureQueue(queueNameFor(definition.name), queueOptionsFor(definition));
    await this.ensureQueue(WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS);
    await this.wakeups?.start();
  }

  /** After every onModuleDestroy hook: a stopping worker has written the ends of its attempts through this queue by then. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.wakeups?.stop();
    await this.announcements.drained();
    await this.boss.stop({ graceful: true, close: true, timeout: 5_000 });
  }

  private async ensureQueue(name: string, options: ReturnType<typeof queueOptionsFor> | typeof WEBHOOK_QUEUE_OPTIONS): Promise<void> {
    await this.boss.createQueue(name, options);
    await this.boss.updateQueue(name, options);
  }

  /**
   * pg-boss's own statement inserting these entries into `queue`, captured instead of run, for the
   * caller to run as part of its own (a CTE beside the job rows' INSERT, so rows and entries commit
   * in one statement). The caller announces the entries after the commit.
   */
  async insertSql(queue: string, entries: JobInsert<QueueMessage>[]): Promise<Prisma.Sql> {
    let captured: { text: string; values: unknown[] } | undefined;
    const capture: Db = {
      executeSql: async (text, values = []) => {
        captured = { text, values };
        return { rows: [] };
      },
    };
    await this.boss.insert(queue, entries, { db: capture });
    // Only a plain INSERT can be a CTE; a queue that NOTIFYs through pg-boss would wrap it in a WITH.
    if (!captured || !/^\s*INSERT\b/.test(captured.text)) throw new Error(`pg-boss queues ${queue} entries with a statement that cannot be embedded`);
    // $n placeholders become the Sql's own values, so it can be composed and renumbered.
    const pieces = captured.text.split(/\$(\d+)/);
    const values = captured.values;
    return new Prisma.Sql(
      pieces.filter((_, index) => index % 2 === 0),
      pieces.filter((_, index) => index % 2 === 1).map((position) => values[Number(position) - 1]),
    );
  }

  /**
   * Takes up to `count` runnable entries of `queue` (highest priority, then oldest, first), marking
   * them active. With `tenantLimit`, only entries of tenants running fewer than that many entries of
   * the queue (across all workers, counted when the statement starts: pg-boss's group concurrency) and
   * entries of no tenant; the fetch reads past the queued entries of tenants at their limit, so it
   * costs more the longer their backlog. pg-boss picks its candidates before it drops those of
   * tenants at their limit, so such a fetch can come back short although more is runnable.
   */
  async fetch(queue: string, count: number, tenantLimit: number | null = null): Promise<FetchedEntry[]> {
    const entries = await this.boss.fetch<QueueMessage>(queue, tenantLimit === null ? { batchSize: count } : { batchSize: count, groupConcurrency: tenantLimit });
    return entries.map((entry) => ({ id: entry.id, retryCount: entry.retryCount, message: entry.data, withinShare: tenantLimit !== null }));
  }

  /** Refreshes the heartbeat of entries this worker holds; returns the ids still held (a missing one was taken away). */
  async touch(queue: string, entries: readonly FetchedEntry[]): Promise<Set<string>> {
    const response = await this.boss.touch(queue, entries.map(({ id, retryCount }) => ({ id, retryCount })));
    // pg-boss 12 returns the ids it refreshed beside the count; its typings leave CommandResponse empty.
    return new Set((response as { settled?: string[] }).settled ?? []);
  }

  /** Hands attempts back to pg-boss as failed: it retries them with backoff while retries remain, and fails them for good after. */
  async fail(queue: string, entries: readonly FetchedEntry[], error: { code: string; message: string }): Promise<void> {
    if (entries.length === 0) return;
    await this.boss.fail(queue, entries.map(({ id, retryCount }) => ({ id, retryCount })), { code: error.code, message: error.message });
  }

  /** Cancels entries inside the caller's transaction, so no worker takes them. */
  async cancel(tx: TransactionClient, queue: string, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.boss.cancel(queue, [...ids], { db: fromPrisma(tx) });
  }

  /** Removes entries inside the caller's transaction. */
  async remove(tx: TransactionClient, queue: string, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.boss.deleteJob(queue, [...ids], { db: fromPrisma(tx) });
  }

  /**
   * Queues the webhook deliveries of finished jobs inside the transaction that finished them, and
   * wakes workers there too: deliveries are few, so a NOTIFY in their transaction costs little.
   */
  async enqueueWebhooks(tx: TransactionClient, jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await tx.$executeRaw(await this.insertSql(WEBHOOK_QUEUE, jobIds.map((jobId) => ({ data: { jobId } }))));
    await tx.$executeRaw`SELECT pg_notify(${CHANNELS.queueWakeups}, ${WEBHOOK_QUEUE})`;
  }

  /**
   * Tells workers that entries committed to these queues can run now. Called after the commit,
   * coalesced (see ANNOUNCE_SPACING_MS). A lost announcement (a crash right after the commit, a
   * broken connection) costs latency only: workers poll as well.
   */
  announce(queues: Iterable<string>): void {
    for (const queue of new Set(queues)) void this.announcements.add(queue);
  }

  private async sendAnnouncements(queues: string[]): Promise<void[]> {
    try {
      // A NOTIFY gives its transaction an id, so it commits and waits for the WAL flush, holding the lock
      // that queues every notifying commit (the workers' claims and completions too): this one writes
      // nothing, so it commits without waiting for the flush.
      await this.boss
        .getDb()
        .executeSql(`SELECT pg_notify($1, name) FROM set_config('synchronous_commit', 'off', true), unnest($2::text[]) AS name`, [CHANNELS.queueWakeups, [...new Set(queues)]]);
    } catch (error) {
      this.logger.warn(`could not announce new jobs; workers will find them by polling: ${error instanceof Error ? error.message : String(error)}`);
    }
    return queues.map(() => undefined);
  }

  /** Worker only: calls `handler` when entries of `queue` are announced (or announcements may have been missed). */
  onWakeup(queue: string, handler: () => void): () => void {
    const handlers = this.wakeHandlers.get(queue) ?? new Set<() => void>();
    handlers.add(handler);
    this.wakeHandlers.set(queue, handlers);
    return () => handlers.delete(handler);
  }

  private wake(queue: string): void {
    for (const handler of this.wakeHandlers.get(queue) ?? []) handler();
  }

  /** Entries per queue and state, as of pg-boss's last statistics pass. */
  async depths(): Promise<QueueDepth[]> {
    const queues = await this.boss.getQueues();
    return queues.map((queue) => ({ queue: queue.name, deferred: queue.deferredCount, queued: queue.queuedCount, active: queue.activeCount }));
  }

  /** Whether pg-boss can read its queues; their number. */
  async check(): Promise<{ queues: number }> {
    return { queues: (await this.boss.getQueues()).length };
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { JobCatalog, type JobTypeDefinition } from '@jobs/contracts';
import { NotificationListener, Prisma, type TransactionClient } from '@jobs/database';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Db, type Job, PgBoss, type WorkOptions, fromPrisma } from 'pg-boss';
import {
  QUEUE_WAKEUP_CHANNEL,
  type QueueMessage,
  type QueuedJobSpec,
  WEBHOOK_QUEUE,
  WEBHOOK_QUEUE_OPTIONS,
  jobInsertFor,
  queueNameFor,
  queueOptionsFor,
} from './queue.options.js';

export const QUEUE_OPTIONS = Symbol('QUEUE_OPTIONS');

/** How often a worker re-reads the queues' statistics (its backlog) from PostgreSQL. */
const QUEUE_STATS_REFRESH_SECONDS = 2;

/** The PostgreSQL schema pg-boss keeps its tables in. */
export const QUEUE_SCHEMA = 'pgboss';

export interface QueueOptions {
  url: string;
  /** `worker` runs pg-boss maintenance and listens for new-job notifications; `producer` only sends. */
  role: 'producer' | 'worker';
  poolSize?: number;
  /** How long a stopping worker waits for running handlers before giving their jobs back. */
  shutdownTimeoutMs?: number;
  /** How often maintenance runs, which is also how soon a dead worker's jobs (stale heartbeat) are retried. */
  superviseIntervalSeconds?: number;
}

const ANNOUNCE_SQL = 'SELECT pg_notify($1, name) FROM unnest($2::text[]) AS name';

/**
 * Announcements of one process are at least this far apart. A submission on a quiet system is
 * announced at once; under load the jobs committed meanwhile go out together, at most one
 * statement per interval instead of one per request.
 */
const ANNOUNCE_SPACING_MS = 5;

/** Options of a worker's fetch loops; `concurrency` loops each run one job at a time. */
export type WorkLoopOptions = Omit<WorkOptions, 'localConcurrency' | 'batchSize'> & { concurrency: number };

/**
 * Owns this process's pg-boss instance: starts it, creates one queue per job type, stops it on
 * shutdown. Producers announce committed jobs; a worker's fetch loops wake on those announcements.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnModuleDestroy {
  readonly boss: PgBoss;
  private readonly logger = new Logger(QueueService.name);
  /** Queues with jobs to announce once the announcement in flight is done. */
  private readonly unannounced = new Set<string>();
  private announcing: Promise<void> | null = null;
  private lastAnnouncedAt = -Infinity;
  /** Worker only: hears announcements and wakes the fetch loops of the queue named. */
  private readonly wakeups: NotificationListener | null;
  private readonly fetchLoops = new Map<string, string[]>();

  constructor(
    @Inject(QUEUE_OPTIONS) private readonly options: QueueOptions,
    private readonly catalog: JobCatalog,
  ) {
    const isWorker = options.role === 'worker';
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: QUEUE_SCHEMA,
      max: options.poolSize ?? 10,
      application_name: `jobs-${options.role}`,
      supervise: isWorker,
      // Expired and heartbeat-less jobs are failed (and so retried) by the monitor pass, which runs
      // on the supervise timer but at most every monitorIntervalSeconds.
      ...(options.superviseIntervalSeconds
        ? { superviseIntervalSeconds: options.superviseIntervalSeconds, monitorIntervalSeconds: options.superviseIntervalSeconds }
        : {}),
      schedule: false,
      // Workers hear of new jobs on QUEUE_WAKEUP_CHANNEL instead of pg-boss's per-insert NOTIFY.
      useListenNotify: false,
      // How soon a worker sees a backlog building (and starts fetching without pauses).
      ...(isWorker ? { queueCacheIntervalSeconds: QUEUE_STATS_REFRESH_SECONDS } : {}),
    });
    this.boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`, error.stack));
    this.wakeups = isWorker ? new NotificationListener({ url: options.url, channels: [QUEUE_WAKEUP_CHANNEL], log: (message) => this.logger.warn(message) }) : null;
    this.wakeups?.on('notification', (_channel, queue) => this.wake(queue));
    // Announcements sent while the listener was away were missed: every loop looks once.
    this.wakeups?.on('reconnected', () => {
      for (const queue of this.fetchLoops.keys()) this.wake(queue);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    // createQueue leaves an existing queue as it is; the update brings it to this version's settings.
    for (const definition of this.catalog.definitions) await this.ensureQueue(queueNameFor(definition.name), queueOptionsFor(definition));
    await this.ensureQueue(WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS);
    await this.wakeups?.start();
  }

  private async ensureQueue(name: string, options: ReturnType<typeof queueOptionsFor> | typeof WEBHOOK_QUEUE_OPTIONS): Promise<void> {
    await this.boss.createQueue(name, options);
    await this.boss.updateQueue(name, options);
  }

  /**
   * Runs `handler` for the jobs of `queue` in `concurrency` fetch loops of one job each. A loop
   * fetches again at once after a job while the queue has a backlog, polls every
   * `pollingIntervalSeconds` otherwise, and wakes as soon as new jobs are announced.
   */
  async work(queue: string, options: WorkLoopOptions, handler: (job: Job<QueueMessage>) => Promise<void>): Promise<void> {
    const { concurrency, ...polling } = options;
    const ids: string[] = [];
    for (let loop = 0; loop < concurrency; loop += 1) {
      ids.push(
        await this.boss.work<QueueMessage>(queue, { ...polling, batchSize: 1, localConcurrency: 1 }, async ([job]) => {
          if (job) await handler(job);
        }),
      );
    }
    this.fetchLoops.set(queue, ids);
  }

  /**
   * Tells workers that jobs committed to these queues can run now. Called after the commit, never
   * inside the transaction (see QUEUE_WAKEUP_CHANNEL); at most one announcement is in flight, and
   * queues named meanwhile go out together in the next, ANNOUNCE_SPACING_MS after it at the
   * soonest. A lost announcement (a crash right after the commit, a broken connection) costs
   * latency only: workers poll as well.
   */
  announce(queues: Iterable<string>): void {
    for (const queue of queues) this.unannounced.add(queue);
    if (this.unannounced.size > 0) this.announcing ??= this.sendAnnouncements();
  }

  private async sendAnnouncements(): Promise<void> {
    try {
      while (this.unannounced.size > 0) {
        const wait = this.lastAnnouncedAt + ANNOUNCE_SPACING_MS - performance.now();
        if (wait > 0) await sleep(wait);
        const queues = [...this.unannounced];
        this.unannounced.clear();
        this.lastAnnouncedAt = performance.now();
        await this.boss.getDb().executeSql(ANNOUNCE_SQL, [QUEUE_WAKEUP_CHANNEL, queues]);
      }
    } catch (error) {
      this.unannounced.clear();
      this.logger.warn(`could not announce new jobs; workers will find them by polling: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.announcing = null;
    }
  }

  private wake(queue: string): void {
    for (const id of this.fetchLoops.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  /**
   * Schedules the delivery of a finished job's webhook inside the transaction that finished it, and
   * announces it there too: deliveries are few, so their NOTIFY in the transaction costs little.
   */
  async enqueueWebhookInTransaction(tx: TransactionClient, jobId: string): Promise<void> {
    const message: QueueMessage = { jobId };
    await this.boss.send(WEBHOOK_QUEUE, message, { db: fromPrisma(tx) });
    await tx.$executeRaw`SELECT pg_notify(${QUEUE_WAKEUP_CHANNEL}, ${WEBHOOK_QUEUE})`;
  }

  /** Marks a job's queue entry cancelled inside the caller's transaction, so no worker takes it. */
  async cancelInTransaction(tx: TransactionClient, queueName: string, queueJobId: string): Promise<void> {
    await this.boss.cancel(queueName, queueJobId, { db: fromPrisma(tx) });
  }

  /** Removes a job's queue entry inside the caller's transaction. */
  async deleteInTransaction(tx: TransactionClient, queueName: string, queueJobId: string): Promise<void> {
    await this.boss.deleteJob(queueName, queueJobId, { db: fromPrisma(tx) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.wakeups?.stop();
    await this.announcing;
    await this.boss.stop({ graceful: true, close: true, timeout: this.options.shutdownTimeoutMs ?? 30_000 });
  }

  /**
   * pg-boss's statement queueing jobs of one type, for the caller to run as part of its own (for
   * instance as a CTE beside the job rows' INSERT, so rows and queue entries commit in one
   * statement). pg-boss builds it as for any insert; it is captured instead of run. The caller
   * announces the jobs after the commit.
   */
  async insertSql(definition: JobTypeDefinition, specs: QueuedJobSpec[]): Promise<Prisma.Sql> {
    let captured: { text: string; values: unknown[] } | undefined;
    const capture: Db = {
      executeSql: async (text, values = []) => {
        captured = { text, values };
        return { rows: [] };
      },
    };
    await this.boss.insert(queueNameFor(definition.name), specs.map(jobInsertFor), { db: capture });
    // Only a plain INSERT can be a CTE; queues NOTIFY-ing through pg-boss would wrap it in a WITH.
    if (!captured || !/^\s*INSERT\b/.test(captured.text)) throw new Error(`pg-boss queues ${definition.name} jobs with a statement that cannot be embedded`);
    // $n placeholders become the Sql's own values, so it can be composed and renumbered.
    const pieces = captured.text.split(/\$(\d+)/);
    const values = captured.values;
    return new Prisma.Sql(
      pieces.filter((_, index) => index % 2 === 0),
      pieces.filter((_, index) => index % 2 === 1).map((position) => values[Number(position) - 1]),
    );
  }

  /**
   * Queues jobs of one type inside the caller's Prisma transaction, in one statement: a rollback
   * removes the queue entries with the rows. The caller announces them after the commit.
   */
  async insertInTransaction(tx: TransactionClient, definition: JobTypeDefinition, specs: QueuedJobSpec[]): Promise<void> {
    await tx.$executeRaw(await this.insertSql(definition, specs));
  }
}

import { JobCatalog, type JobTypeDefinition } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PgBoss, fromPrisma } from 'pg-boss';
import { type QueueMessage, type QueuedJobSpec, WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS, jobInsertFor, queueNameFor, queueOptionsFor } from './queue.options.js';

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

/** Owns this process's pg-boss instance: starts it, creates one queue per job type, stops it on shutdown. */
@Injectable()
export class QueueService implements OnModuleInit, OnModuleDestroy {
  readonly boss: PgBoss;
  private readonly logger = new Logger(QueueService.name);

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
      useListenNotify: isWorker,
      // How soon a worker sees a backlog building (and starts fetching without pauses).
      ...(isWorker ? { queueCacheIntervalSeconds: QUEUE_STATS_REFRESH_SECONDS } : {}),
    });
    this.boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`, error.stack));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    for (const definition of this.catalog.definitions) {
      await this.boss.createQueue(queueNameFor(definition.name), queueOptionsFor(definition));
    }
    await this.boss.createQueue(WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS);
  }

  /** Schedules the delivery of a finished job's webhook inside the transaction that finished it. */
  async enqueueWebhookInTransaction(tx: TransactionClient, jobId: string): Promise<void> {
    const message: QueueMessage = { jobId };
    await this.boss.send(WEBHOOK_QUEUE, message, { db: fromPrisma(tx) });
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
    await this.boss.stop({ graceful: true, close: true, timeout: this.options.shutdownTimeoutMs ?? 30_000 });
  }

  /**
   * Queues jobs of one type inside the caller's Prisma transaction, in one statement: a rollback
   * removes the queue entries with the rows.
   */
  async insertInTransaction(tx: TransactionClient, definition: JobTypeDefinition, specs: QueuedJobSpec[]): Promise<void> {
    await this.boss.insert(queueNameFor(definition.name), specs.map(jobInsertFor), { db: fromPrisma(tx) });
  }
}

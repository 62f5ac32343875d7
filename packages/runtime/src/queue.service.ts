import { JobCatalog, type JobTypeDefinition } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PgBoss, fromPrisma } from 'pg-boss';
import { type QueuedJobSpec, queueNameFor, queueOptionsFor, sendOptionsFor } from './queue.options.js';

export const QUEUE_OPTIONS = Symbol('QUEUE_OPTIONS');

export interface QueueOptions {
  url: string;
  /** `worker` runs pg-boss maintenance and listens for new-job notifications; `producer` only sends. */
  role: 'producer' | 'worker';
  poolSize?: number;
  /** How long a stopping worker waits for running handlers before giving their jobs back. */
  shutdownTimeoutMs?: number;
}

/** Queue message: the job row is the system of record, so the queue carries only its id. */
export interface QueueMessage {
  jobId: string;
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
      max: options.poolSize ?? 10,
      application_name: `jobs-${options.role}`,
      supervise: isWorker,
      schedule: false,
      useListenNotify: isWorker,
    });
    this.boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`, error.stack));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    for (const definition of this.catalog.definitions) {
      await this.boss.createQueue(queueNameFor(definition.name), queueOptionsFor(definition));
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: true, close: true, timeout: this.options.shutdownTimeoutMs ?? 30_000 });
  }

  /** Queues a job inside the caller's Prisma transaction: a rollback removes the queue entry too. */
  async sendInTransaction(tx: TransactionClient, definition: JobTypeDefinition, spec: QueuedJobSpec): Promise<void> {
    const message: QueueMessage = { jobId: spec.id };
    await this.boss.send(queueNameFor(definition.name), message, { ...sendOptionsFor(spec), db: fromPrisma(tx) });
  }
}

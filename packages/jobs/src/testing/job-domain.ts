import { randomUUID } from 'node:crypto';
import { PrismaService } from '@jobs/database';
import type { ScratchDatabase } from '@jobs/dev-postgres';
import { JobCatalog } from '@jobs/dto';
import { createMigratedDatabase } from '@jobs/testing';
import { JobControl } from '../control/job-control.service.js';
import { JobExecution } from '../execution/job-execution.service.js';
import type { JobsOptions } from '../jobs-options.js';
import { CreationAnnouncer } from '../notifications/creation-announcer.js';
import { JobQueue } from '../queue/job-queue.js';
import { JobReads } from '../reads/job-reads.service.js';
import { JobRetention } from '../retention/job-retention.service.js';
import { ScheduleFiring } from '../schedules/schedule-firing.service.js';
import { Schedules } from '../schedules/schedules.service.js';
import { JobSubmission } from '../submission/job-submission.service.js';
import type { Viewer } from '../viewer.js';

/** Every job type, diagnostics and benchmarks included. */
export const TEST_CATALOG = JobCatalog.create({ diagnostics: true, benchmarks: true });

/**
 * The job domain of one process on a scratch database, its services built as Nest would build them
 * (the same constructors, the same lifecycle hooks on open and close).
 */
export interface JobDomain {
  database: ScratchDatabase;
  prisma: PrismaService;
  queue: JobQueue;
  creations: CreationAnnouncer;
  submission: JobSubmission;
  reads: JobReads;
  control: JobControl;
  retention: JobRetention;
  schedules: Schedules;
  /**
   * A worker's firing of schedules on this database, with connections of its own (as another worker
   * process would have); `close` ends them.
   */
  openFirer(): Promise<{ firing: ScheduleFiring; prisma: PrismaService; close(): Promise<void> }>;
  /** Runs `work` with a worker's execution service, started for it and stopped (its pumps drained) after. */
  withExecution(work: (execution: JobExecution) => Promise<void>): Promise<void>;
  /** Stops the queue and the pool, and drops the database. */
  close(): Promise<void>;
}

/**
 * `catalog` is the deployment's (fairness and rate limits set by its overrides).
 * `worker` makes pg-boss maintain the queue (expire entries whose heartbeat lapsed) and hear
 * wake-ups; `api` leaves the queue alone, so tests that drive attempts step by step are the only
 * ones changing it.
 */
export async function openJobDomain(role: JobsOptions['role'], overrides: Partial<JobsOptions> = {}): Promise<JobDomain> {
  const database = await createMigratedDatabase();
  const options: JobsOptions = { url: database.url, role, poolSize: 4, catalog: TEST_CATALOG, webhookAllowedHosts: [], shutdownTimeoutMs: 5_000, ...overrides };
  const prisma = new PrismaService({ url: database.url, poolSize: 8 });
  const queue = new JobQueue(options);
  await queue.onModuleInit();
  const creations = new CreationAnnouncer(prisma);
  const control = new JobControl(options, prisma, queue);
  return {
    database,
    prisma,
    queue,
    creations,
    submission: new JobSubmission(options, prisma, queue, creations),
    reads: new JobReads(prisma),
    control,
    retention: new JobRetention(prisma, control),
    schedules: new Schedules(options, prisma),
    async openFirer() {
      const firerPrisma = new PrismaService({ url: database.url, poolSize: 4 });
      const firerQueue = new JobQueue(options);
      await firerQueue.onModuleInit();
      const firerCreations = new CreationAnnouncer(firerPrisma);
      return {
        firing: new ScheduleFiring(options, firerPrisma, firerQueue, firerCreations),
        prisma: firerPrisma,
        async close() {
          await firerCreations.beforeApplicationShutdown();
          await firerQueue.beforeApplicationShutdown();
          await firerPrisma.$disconnect();
        },
      };
    },
    async withExecution(work) {
      const execution = new JobExecution(options, prisma, queue);
      await execution.onModuleInit();
      try {
        await work(execution);
      } finally {
        await execution.onModuleDestroy();
      }
    },
    async close() {
      await creations.beforeApplicationShutdown();
      await queue.beforeApplicationShutdown();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

/** A viewer no other test uses; `org` puts it in an organisation. */
export function newViewer(org: string | null = null): Viewer {
  return { sub: `user-${randomUUID()}`, org, isAdmin: false };
}

export const ADMIN: Viewer = { sub: 'admin', org: null, isAdmin: true };

import { DatabaseModule } from '@jobs/database';
import { JOB_TYPES, JobCatalog } from '@jobs/dto';
import { JobDomainModule } from '@jobs/jobs';
import { LoggingModule, loggingOptionsFor, MetricsModule, PlatformHealthModule } from '@jobs/runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { WorkerEnvironment } from './config/worker-environment.js';
import { pairHandlers } from './execution/handler-registry.js';
import { JOB_HANDLERS, type JobHandler } from './execution/job-handler.js';
import { JobRunnerService } from './execution/job-runner.service.js';
import { discoverHandlers } from './handlers/discover-handlers.js';
import { WorkerHttpService } from './health/worker-http.service.js';
import { RetentionScheduler } from './retention/retention-scheduler.service.js';
import { ScheduleFiringLoop } from './schedules/schedule-firing-loop.service.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';

@Module({})
export class WorkerModule {
  /** Refuses (throws) when the handlers found do not match the catalog one to one. */
  static async register(env: WorkerEnvironment): Promise<DynamicModule> {
    const catalog = JobCatalog.create(env.catalogOptions());
    const handlers = pairHandlers(
      JOB_TYPES.map((definition) => definition.name),
      catalog.definitions,
      await discoverHandlers(),
    );
    const handlerClasses = [...handlers.values()];
    return {
      module: WorkerModule,
      imports: [
        LoggingModule.forRoot(loggingOptionsFor('worker', env)),
        MetricsModule.forRoot({ app: 'worker' }),
        DatabaseModule.forRoot({ ...env.connectionUrls(), poolSize: env.DATABASE_POOL_SIZE }),
        JobDomainModule.forRoot({
          role: 'worker',
          ...env.connectionUrls(),
          poolSize: env.DATABASE_POOL_SIZE,
          catalog,
          webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
          shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_SECONDS * 1000,
          superviseIntervalSeconds: env.WORKER_SUPERVISE_INTERVAL_SECONDS,
          logBound: { maxLines: env.WORKER_LOG_MAX_LINES, maxBytes: env.WORKER_LOG_MAX_BYTES },
          scheduleMinIntervalSeconds: env.SCHEDULE_MIN_INTERVAL_SECONDS,
        }),
        PlatformHealthModule,
      ],
      providers: [
        { provide: WorkerEnvironment, useValue: env },
        ...handlerClasses,
        {
          provide: JOB_HANDLERS,
          useFactory: (...instances: JobHandler[]): ReadonlyMap<string, JobHandler> => new Map([...handlers.keys()].map((type, index) => [type, instances[index] as JobHandler])),
          inject: handlerClasses,
        },
        { provide: JobCatalog, useValue: catalog },
        JobRunnerService,
        WebhookDeliveryService,
        ScheduleFiringLoop,
        WorkerHttpService,
        RetentionScheduler,
      ],
    };
  }
}

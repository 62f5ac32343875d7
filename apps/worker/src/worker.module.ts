import { JobCatalog } from '@jobs/contracts';
import { DatabaseModule } from '@jobs/database';
import { LoggingModule, loggingOptionsFor, MetricsModule, PlatformHealthModule, QueueModule } from '@jobs/runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { WorkerEnvironment } from './config/worker-environment.js';
import { JOB_HANDLERS, type JobHandler } from './execution/job-handler.js';
import { JobCancellationsService } from './execution/job-cancellations.service.js';
import { JobLifecycleService } from './execution/job-lifecycle.service.js';
import { JobReconcilerService } from './execution/job-reconciler.service.js';
import { JobRunnerService } from './execution/job-runner.service.js';
import { RunningJobs } from './execution/running-jobs.js';
import { BENCHMARK_HANDLERS, BUILT_IN_HANDLERS, DIAGNOSTIC_HANDLERS } from './handlers/index.js';
import { WorkerHttpService } from './health/worker-http.service.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';

@Module({})
export class WorkerModule {
  static register(env: WorkerEnvironment): DynamicModule {
    const diagnostics = env.ENABLE_DIAGNOSTIC_JOBS;
    const benchmarks = env.ENABLE_BENCHMARK_JOBS;
    const handlerClasses = [...BUILT_IN_HANDLERS, ...(diagnostics ? DIAGNOSTIC_HANDLERS : []), ...(benchmarks ? BENCHMARK_HANDLERS : [])];
    return {
      module: WorkerModule,
      imports: [
        LoggingModule.forRoot(loggingOptionsFor('worker', env)),
        MetricsModule.forRoot({ app: 'worker' }),
        DatabaseModule.forRoot({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }),
        QueueModule.forRoot({
          url: env.DATABASE_URL,
          role: 'worker',
          poolSize: env.DATABASE_POOL_SIZE,
          shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_SECONDS * 1000,
          superviseIntervalSeconds: env.WORKER_SUPERVISE_INTERVAL_SECONDS,
        }, JobCatalog.create({ diagnostics, benchmarks, sampleMaxBytes: env.SAMPLE_MAX_BYTES })),
        PlatformHealthModule,
      ],
      providers: [
        { provide: WorkerEnvironment, useValue: env },
        ...handlerClasses,
        {
          provide: JOB_HANDLERS,
          useFactory: (...handlers: JobHandler[]) => handlers,
          inject: handlerClasses,
        },
        JobLifecycleService,
        RunningJobs,
        JobCancellationsService,
        JobRunnerService,
        JobReconcilerService,
        WebhookDeliveryService,
        WorkerHttpService,
      ],
    };
  }
}

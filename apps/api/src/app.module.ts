import { DatabaseModule } from '@jobs/database';
import { JobCatalog } from '@jobs/dto';
import { JobDomainModule } from '@jobs/jobs';
import { LoggingModule, loggingOptionsFor, MetricsModule } from '@jobs/runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, RouterModule } from '@nestjs/core';
import { AdminModule } from './admin/admin.module.js';
import { ApiIndexModule } from './api-index/api-index.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CallersModule } from './callers/callers.module.js';
import { ApiEnvironment } from './config/api-environment.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { FeedsModule } from './feeds/feeds.module.js';
import { HealthModule } from './health/health.module.js';
import { JobLogsModule } from './job-logs/job-logs.module.js';
import { JobTypesModule } from './job-types/job-types.module.js';
import { LimitsModule } from './limits/limits.module.js';
import { ApiMetricsModule } from './metrics/metrics.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ProblemDetailsFilter } from './problems/problem-details.filter.js';
import { ProblemsModule } from './problems/problems.module.js';
import { ResultsModule } from './results/results.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { StreamsModule } from './streams/streams.module.js';
import { AttemptsModule } from './attempts/attempts.module.js';

// Routes register in this order: the feed's `/jobs/events` before the jobs module's `/jobs/:id`.
const V1_MODULES = [FeedsModule, JobsModule, AdminModule, StreamsModule, JobLogsModule, AttemptsModule, ResultsModule, JobTypesModule, CallersModule, SchedulesModule];

@Module({})
export class AppModule {
  static register(env: ApiEnvironment): DynamicModule {
    const catalog = JobCatalog.create(env.catalogOptions());
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule.forRoot(loggingOptionsFor('api', env)),
        DatabaseModule.forRoot({ ...env.connectionUrls(), poolSize: env.DATABASE_POOL_SIZE }),
        JobDomainModule.forRoot({
          role: 'api',
          ...env.connectionUrls(),
          poolSize: env.DATABASE_POOL_SIZE,
          catalog,
          webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
          webhookDefaultSecret: env.WEBHOOK_SECRET,
          scheduleMinIntervalSeconds: env.SCHEDULE_MIN_INTERVAL_SECONDS,
        }),
        MetricsModule.forRoot({ app: 'api' }),
        AuthModule,
        LimitsModule.register(env.RATE_LIMIT_PER_MINUTE),
        // The versioned API lives under /v1; probes, metrics, docs, problem pages and `/` outside it. A
        // module path, not a global prefix: Nest's 404 then covers every path, so any unknown one is a problem.
        RouterModule.register([{ path: 'v1', children: V1_MODULES }]),
        ...V1_MODULES,
        HealthModule,
        ApiMetricsModule,
        ProblemsModule,
        ApiIndexModule,
        DashboardModule,
      ],
      providers: [{ provide: ApiEnvironment, useValue: env }, { provide: JobCatalog, useValue: catalog }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
      exports: [ApiEnvironment, JobCatalog],
    };
  }
}

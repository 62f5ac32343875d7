import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { JobControl } from './control/job-control.service.js';
import { JobExecution } from './execution/job-execution.service.js';
import { JOBS_OPTIONS, type JobsOptions } from './jobs-options.js';
import { CreationAnnouncer } from './notifications/creation-announcer.js';
import { JobChanges } from './notifications/job-changes.service.js';
import { JobQueue } from './queue/job-queue.js';
import { QueueStatus } from './queue/queue-status.js';
import { JobReads } from './reads/job-reads.service.js';
import { JobRetention } from './retention/job-retention.service.js';
import { ScheduleFiring } from './schedules/schedule-firing.service.js';
import { Schedules } from './schedules/schedules.service.js';
import { JobSubmission } from './submission/job-submission.service.js';

/**
 * The job domain for one process. The API gets submission, reads, control, change notifications
 * and schedules; a worker gets execution, the firing of schedules, and control and retention for the
 * purges it runs. Both get the queue's status. `DatabaseModule` must be loaded beside it.
 */
@Global()
@Module({})
export class JobDomainModule {
  static forRoot(options: JobsOptions): DynamicModule {
    const services: Provider[] =
      options.role === 'api' ? [JobSubmission, JobReads, JobControl, JobChanges, Schedules] : [JobExecution, JobControl, JobRetention, ScheduleFiring];
    // Both announce new jobs to the API's feeds: submissions in the API, fired schedules in workers.
    const internal: Provider[] = [CreationAnnouncer];
    return {
      module: JobDomainModule,
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobQueue, { provide: QueueStatus, useExisting: JobQueue }, ...internal, ...services],
      exports: [QueueStatus, ...services],
    };
  }
}

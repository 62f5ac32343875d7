import { JobCatalog } from '@jobs/contracts';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { QUEUE_OPTIONS, type QueueOptions, QueueService } from './queue.service.js';

@Global()
@Module({})
export class QueueModule {
  /** pg-boss for this process, with one queue for each type in `catalog`, which is provided too. */
  static forRoot(options: QueueOptions, catalog: JobCatalog): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: QUEUE_OPTIONS, useValue: options }, { provide: JobCatalog, useValue: catalog }, QueueService],
      exports: [QueueService, JobCatalog],
    };
  }
}

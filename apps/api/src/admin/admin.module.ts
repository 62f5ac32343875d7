import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { AdminJobsController } from './admin-jobs.controller.js';

@Module({ imports: [JobsModule], controllers: [AdminJobsController] })
export class AdminModule {}

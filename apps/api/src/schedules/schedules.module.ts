import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { SchedulesController } from './schedules.controller.js';
import { ScheduleListingService } from './schedule-listing.service.js';

@Module({ imports: [JobsModule], controllers: [SchedulesController], providers: [ScheduleListingService] })
export class SchedulesModule {}

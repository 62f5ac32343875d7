import { Module } from '@nestjs/common';
import { JobEventsService } from './job-events.service.js';
import { JobStreamController } from './job-stream.controller.js';
import { JobStreamService } from './job-stream.service.js';

@Module({
  controllers: [JobStreamController],
  providers: [JobEventsService, JobStreamService],
  exports: [JobEventsService, JobStreamService],
})
export class StreamsModule {}

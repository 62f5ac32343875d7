import { Module } from '@nestjs/common';
import { JobStreamController } from './job-stream.controller.js';
import { JobStreamService } from './job-stream.service.js';

@Module({
  controllers: [JobStreamController],
  providers: [JobStreamService],
  exports: [JobStreamService],
})
export class StreamsModule {}

import { Module } from '@nestjs/common';
import { SseModule } from '../sse/sse.module.js';
import { JobStreamController } from './job-stream.controller.js';
import { JobStreamService } from './job-stream.service.js';

@Module({
  imports: [SseModule],
  controllers: [JobStreamController],
  providers: [JobStreamService],
})
export class StreamsModule {}

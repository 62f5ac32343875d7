import { Module } from '@nestjs/common';
import { SseModule } from '../sse/sse.module.js';
import { JobFeedController } from './job-feed.controller.js';
import { JobFeedService } from './job-feed.service.js';

@Module({
  imports: [SseModule],
  controllers: [JobFeedController],
  providers: [JobFeedService],
})
export class FeedsModule {}

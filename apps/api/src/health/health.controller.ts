import { PrismaService } from '@jobs/database';
import { QueueService } from '@jobs/runtime';
import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/jwt-auth.guard.js';
import { JobEventsService } from '../streams/job-events.service.js';
import { JobStreamService } from '../streams/job-stream.service.js';

@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
    private readonly events: JobEventsService,
    private readonly streams: JobStreamService,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when Postgres answers, the queue schema is there and job events are being heard. */
  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'>; streams: { open: number; subscribers: number } }> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      await this.queue.boss.getQueues();
    } catch (error) {
      throw new ServiceUnavailableException(`not ready: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!this.events.listening) throw new ServiceUnavailableException('not ready: the job event listener is reconnecting');
    return {
      status: 'ok',
      checks: { database: 'up', queue: 'up', events: 'up' },
      streams: { open: this.streams.openStreams, subscribers: this.events.subscriberCount },
    };
  }
}

import { PrismaService } from '@jobs/database';
import { QueueService } from '@jobs/runtime';
import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/jwt-auth.guard.js';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when Postgres answers and the queue schema is there. */
  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      await this.queue.boss.getQueues();
    } catch (error) {
      throw new ServiceUnavailableException(`not ready: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { status: 'ok', checks: { database: 'up', queue: 'up' } };
  }
}

import { PrismaService } from '@jobs/database';
import { Injectable, Module } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { QueueStatus } from '@jobs/jobs';

/** A check that takes longer than this counts as down: a probe must answer quickly. */
const CHECK_TIMEOUT_MS = 3000;

/** Readiness checks both apps share: PostgreSQL answers, and pg-boss can read its queues. */
@Injectable()
export class PlatformHealthIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
    private readonly queueStatus: QueueStatus,
  ) {}

  database() {
    return this.indicators
      .check('database')
      .attempt(async () => {
        await this.prisma.$queryRaw`SELECT 1`;
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  queue() {
    return this.indicators
      .check('queue')
      .attempt(() => this.queueStatus.check())
      .withTimeout(CHECK_TIMEOUT_MS);
  }
}

/** @nestjs/terminus with the shared indicators; JobsModule and DatabaseModule must be loaded. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  providers: [PlatformHealthIndicators],
  exports: [TerminusModule, PlatformHealthIndicators],
})
export class PlatformHealthModule {}

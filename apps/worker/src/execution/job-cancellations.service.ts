import { NotificationListener, PrismaService } from '@jobs/database';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WorkerEnvironment } from '../config/worker-environment.js';
import { JobFailure } from './job-failure.js';
import { RunningJobs } from './running-jobs.js';

export const JOB_CANCELLATIONS_CHANNEL = 'job_cancellations';

/**
 * Hears of running jobs being cancelled (the `jobs_notify_event` trigger NOTIFYs when a PROCESSING
 * job becomes CANCELLED) and fires their handlers' AbortSignal. pg-boss's own cancel does not reach
 * a running handler; this does, within milliseconds.
 */
@Injectable()
export class JobCancellationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(JobCancellationsService.name);
  private readonly listener: NotificationListener;

  constructor(
    env: WorkerEnvironment,
    private readonly running: RunningJobs,
    private readonly prisma: PrismaService,
  ) {
    this.listener = new NotificationListener({
      url: env.DATABASE_URL,
      channels: [JOB_CANCELLATIONS_CHANNEL],
      log: (message) => this.logger.warn(message),
    });
    this.listener.on('notification', (_channel, jobId) => this.cancel(jobId));
    this.listener.on('reconnected', () => void this.catchUp());
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  private cancel(jobId: string): void {
    if (this.running.abort(jobId, JobFailure.cancelled())) this.logger.log(`job ${jobId} cancelled: its handler was signalled`);
  }

  /** Cancellations announced while the listener was away: ask the database about every running job. */
  private async catchUp(): Promise<void> {
    const ids = this.running.ids();
    if (ids.length === 0) return;
    const cancelled = await this.prisma.job.findMany({ where: { id: { in: ids }, status: 'CANCELLED' }, select: { id: true } }).catch(() => []);
    for (const { id } of cancelled) this.cancel(id);
  }
}

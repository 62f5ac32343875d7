import { JobErrorCode } from '@jobs/contracts';
import { Prisma, PrismaService } from '@jobs/database';
import { QUEUE_SCHEMA, QueueService } from '@jobs/runtime';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { WorkerEnvironment } from '../config/worker-environment.js';

const QUEUE_TABLE = Prisma.raw(`"${QUEUE_SCHEMA}".job`);

/**
 * Finishes jobs whose queue entry pg-boss gave up on without any handler reporting back: a worker
 * killed on the job's last attempt leaves the row PROCESSING while pg-boss, seeing no heartbeat,
 * fails the entry. Such rows become FAILED (`WorkerLost`), so every accepted job reaches an end.
 */
@Injectable()
export class JobReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobReconcilerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
    private readonly env: WorkerEnvironment,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.env.WORKER_SUPERVISE_INTERVAL_SECONDS * 1000);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass; concurrent workers may sweep at once, the conditional update makes that harmless. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const lost = await tx.$queryRaw<{ id: string; webhook_url: string | null }[]>`
          UPDATE jobs j
             SET status = 'FAILED', finished_at = now(), updated_at = now(),
                 error_code = ${JobErrorCode.WORKER_LOST},
                 error_message = 'The worker running the job stopped responding on its last attempt'
            FROM ${QUEUE_TABLE} q
           WHERE j.status IN ('PENDING', 'PROCESSING') AND q.name = j.queue_name AND q.id = j.queue_job_id AND q.state = 'failed'
          RETURNING j.id, j.webhook_url`;
        for (const job of lost) if (job.webhook_url) await this.queue.enqueueWebhookInTransaction(tx, job.id);
        if (lost.length > 0) this.logger.warn(`failed ${lost.length} job(s) whose worker was lost: ${lost.map((job) => job.id).join(', ')}`);
        return lost.length;
      });
    } catch (error) {
      this.logger.warn(`reconciliation failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}

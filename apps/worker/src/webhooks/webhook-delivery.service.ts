import { lookup } from 'node:dns/promises';
import { WEBHOOK_HEADERS, webhookSignature } from '@jobs/contracts';
import { PrismaService } from '@jobs/database';
import { type QueueMessage, QueueService, toJobSummary, WEBHOOK_QUEUE, WebhookTargetPolicy } from '@jobs/runtime';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job as QueueJob } from 'pg-boss';
import { WorkerEnvironment } from '../config/worker-environment.js';

const USER_AGENT = 'jobs-platform-webhooks/1';

/**
 * Delivers finished jobs' webhooks from their own queue: a signed POST of the job summary, retried
 * by pg-boss with backoff until the receiver answers 2xx. A job's own completion never waits on it.
 */
@Injectable()
export class WebhookDeliveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');
  private readonly targets: WebhookTargetPolicy;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
    private readonly env: WorkerEnvironment,
  ) {
    this.targets = new WebhookTargetPolicy(env.WEBHOOK_ALLOWED_HOSTS);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work(WEBHOOK_QUEUE, { concurrency: 4, pollingIntervalSeconds: this.env.WORKER_POLL_INTERVAL_SECONDS }, (delivery) => this.deliver(delivery));
  }

  async deliver(delivery: QueueJob<QueueMessage>): Promise<void> {
    const { jobId } = delivery.data;
    const job = await this.prisma.job.findUnique({ where: { id: jobId }, omit: { payload: true, searchText: true } });
    if (!job?.webhookUrl || !job.webhookSecret || job.webhookDeliveredAt) return;
    const url = new URL(job.webhookUrl);
    const addresses = (await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true })).map((entry) => entry.address);
    const refused = this.targets.problem(url, addresses);
    if (refused) {
      // Not retried: the same name will resolve to the same place.
      await this.record(jobId, `refused: ${refused}`);
      this.logger.warn(`webhook of job ${jobId} refused: ${refused}`);
      return;
    }
    const body = JSON.stringify(toJobSummary(job));
    const timestamp = Math.floor(Date.now() / 1000);
    const deliveryId = `${jobId}:${job.status}`;
    let outcome: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_SECONDS * 1000),
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          [WEBHOOK_HEADERS.id]: deliveryId,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignature(job.webhookSecret, deliveryId, timestamp, body),
        },
      });
      await response.body?.cancel();
      outcome = response.ok ? 'delivered' : `HTTP ${response.status}`;
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    await this.record(jobId, outcome === 'delivered' ? null : outcome);
    if (outcome === 'delivered') return;
    throw new Error(`webhook of job ${jobId} failed (attempt ${delivery.retryCount + 1}): ${outcome}`);
  }

  /** Bookkeeping in SQL: it leaves the job's updatedAt (and so its stream's final event id) alone. */
  private async record(jobId: string, error: string | null): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE jobs SET webhook_attempts = webhook_attempts + 1, webhook_error = ${error?.slice(0, 500) ?? null},
             webhook_delivered_at = CASE WHEN ${error}::text IS NULL THEN now() ELSE webhook_delivered_at END
       WHERE id = ${jobId}::uuid`;
  }
}

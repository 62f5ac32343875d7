import { lookup } from 'node:dns/promises';
import { WEBHOOK_HEADERS, webhookSignature } from '@jobs/contracts';
import { JobExecution, type WebhookDelivery, type WebhookOutcome, WebhookTargetPolicy } from '@jobs/jobs';
import { outgoingTraceHeaders, setActiveSpanAttributes } from '@jobs/tracing';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkerEnvironment } from '../config/worker-environment.js';

const USER_AGENT = 'jobs-platform-webhooks/1';

/** Deliveries in flight at once in this process. */
const DELIVERY_CONCURRENCY = 4;

/**
 * Sends finished jobs' webhooks: a signed POST of the job summary to a public address (or an
 * allow-listed one), retried by the queue with backoff until the receiver answers 2xx. A job's own
 * completion never waits on it.
 */
@Injectable()
export class WebhookDeliveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');
  private readonly targets: WebhookTargetPolicy;

  constructor(
    private readonly execution: JobExecution,
    private readonly env: WorkerEnvironment,
  ) {
    this.targets = new WebhookTargetPolicy(env.WEBHOOK_ALLOWED_HOSTS);
  }

  onApplicationBootstrap(): void {
    this.execution.deliverWebhooks({ concurrency: DELIVERY_CONCURRENCY, pollIntervalSeconds: this.env.WORKER_POLL_INTERVAL_SECONDS }, (delivery) => this.deliver(delivery));
  }

  async deliver(delivery: WebhookDelivery): Promise<WebhookOutcome> {
    const url = new URL(delivery.url);
    const addresses = (await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true })).map((entry) => entry.address);
    const refused = this.targets.problem(url, addresses);
    if (refused) {
      // Not retried: the same name will resolve to the same place.
      this.logger.warn(`webhook of job ${delivery.jobId} refused: ${refused}`);
      return { delivered: false, error: `refused: ${refused}`, retry: false };
    }
    const body = JSON.stringify(delivery.summary);
    const timestamp = Math.floor(Date.now() / 1000);
    const deliveryId = `${delivery.jobId}:${delivery.summary.status}`;
    // The receiver's address, not its URL: a webhook's path or query may hold a token.
    setActiveSpanAttributes({ 'http.request.method': 'POST', 'server.address': url.hostname, 'url.scheme': url.protocol.replace(':', '') });
    let outcome: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_SECONDS * 1000),
        headers: {
          // The delivery's span (linked to the job's trace), for a receiver that traces too.
          ...outgoingTraceHeaders(),
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          [WEBHOOK_HEADERS.id]: deliveryId,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: await webhookSignature(delivery.secret, deliveryId, timestamp, body),
        },
      });
      await response.body?.cancel();
      setActiveSpanAttributes({ 'http.response.status_code': response.status });
      outcome = response.ok ? 'delivered' : `HTTP ${response.status}`;
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    if (outcome === 'delivered') return { delivered: true };
    this.logger.warn(`webhook of job ${delivery.jobId} failed (attempt ${delivery.attempt}): ${outcome}`);
    return { delivered: false, error: outcome, retry: true };
  }
}

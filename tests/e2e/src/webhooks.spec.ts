import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type JobAcceptedResponse, type JobSummary, type ProblemDetails, verifyWebhook } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const SECRET = 'receiver-secret-of-sufficient-length';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A local receiver that answers with the statuses it is told, in turn, then 200. */
class Receiver {
  readonly received: Received[] = [];
  private readonly server: Server;
  private answers: number[] = [];

  constructor() {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body, at: Date.now() });
        response.statusCode = this.answers.shift() ?? 200;
        response.end();
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  answerNext(...statuses: number[]): void {
    this.answers = statuses;
  }

  forJob(jobId: string): Received[] {
    return this.received.filter((delivery) => (JSON.parse(delivery.body) as JobSummary).id === jobId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function verified(delivery: Received, secret = SECRET): Promise<boolean> {
  return await verifyWebhook(
    secret,
    { id: String(delivery.headers['webhook-id']), timestamp: String(delivery.headers['webhook-timestamp']), signature: String(delivery.headers['webhook-signature']) },
    delivery.body,
  );
}

describe('webhooks', () => {
  let stack: TestStack;
  let client: ApiClient;
  let receiver: Receiver;
  let url: string;

  beforeAll(async () => {
    receiver = new Receiver();
    url = await receiver.start();
    const env = { ENABLE_DIAGNOSTIC_JOBS: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
    stack = await startStack({ apiEnv: { ...env, WEBHOOK_SECRET: 'server-wide-webhook-secret-value' }, workerEnv: env });
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('hooked') }));
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  const submit = async (body: Record<string, unknown>): Promise<string> => (await client.post<JobAcceptedResponse>('/v1/jobs', body)).body.jobId;
  const status = async (jobId: string): Promise<JobSummary> => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;

  it('posts the signed job summary when a job completes', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: '203.0.113.9' }, webhook: { url, secret: SECRET } });

    const [delivery] = await waitUntil(async () => receiver.forJob(jobId), (deliveries) => deliveries.length === 1);

    const summary = JSON.parse(delivery?.body ?? '{}') as JobSummary;
    expect(summary).toMatchObject({ id: jobId, status: 'COMPLETED', resultType: 'indicators' });
    expect(summary).not.toHaveProperty('payload');
    expect(delivery?.headers['content-type']).toBe('application/json');
    expect(delivery?.headers['webhook-id']).toBe(`${jobId}:COMPLETED`);
    expect(delivery && (await verified(delivery))).toBe(true);
    expect(delivery && (await verified(delivery, 'some-other-secret-entirely'))).toBe(false);
    expect(delivery && (await verified({ ...delivery, body: delivery.body.replace('COMPLETED', 'FAILED') }))).toBe(false);
    const job = await waitUntil(() => status(jobId), (current) => current.webhook?.deliveredAt !== null);
    expect(job.webhook).toMatchObject({ url, attempts: 1, lastError: null });
    expect(JSON.stringify(job)).not.toContain(SECRET);
  });

  it('retries a failing receiver with backoff without holding up the job', async () => {
    receiver.answerNext(500, 503);
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'retry me' }, webhook: { url, secret: SECRET } });
    const completed = await waitUntil(() => status(jobId), (job) => job.status === 'COMPLETED');

    const deliveries = await waitUntil(async () => receiver.forJob(jobId), (found) => found.length === 3, { timeoutMs: 30_000 });

    expect(Date.parse(completed.finishedAt ?? '')).toBeLessThan(deliveries[2]?.at ?? 0);
    expect((deliveries[2]?.at ?? 0) - (deliveries[1]?.at ?? 0)).toBeGreaterThanOrEqual((deliveries[1]?.at ?? 0) - (deliveries[0]?.at ?? 0) - 1_000);
    const job = await waitUntil(() => status(jobId), (current) => current.webhook?.deliveredAt !== null);
    expect(job.webhook).toMatchObject({ attempts: 3, lastError: null });
  });

  it('announces failures and cancellations too, signed with the server secret when the job has none', async () => {
    const failed = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 1, failAttempts: 5 }, maxAttempts: 1, webhook: { url } });
    const cancelled = await submit({ type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600, webhook: { url } });
    await client.post(`/v1/jobs/${cancelled}/cancel`);

    const [failure] = await waitUntil(async () => receiver.forJob(failed), (found) => found.length === 1);
    const [cancellation] = await waitUntil(async () => receiver.forJob(cancelled), (found) => found.length === 1);

    expect(JSON.parse(failure?.body ?? '{}')).toMatchObject({ status: 'FAILED', error: { code: 'DiagnosticFailure' } });
    expect(JSON.parse(cancellation?.body ?? '{}')).toMatchObject({ status: 'CANCELLED' });
    expect(failure && (await verified(failure, 'server-wide-webhook-secret-value'))).toBe(true);
  });

  it('refuses loopback and private targets that are not allow-listed', async () => {
    for (const target of ['http://localhost:9/x', 'http://10.0.0.8/x', 'http://[::1]:8080/x', 'http://169.254.169.254/latest']) {
      const response = await client.post<ProblemDetails>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, webhook: { url: target } });
      expect({ target, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ target, status: 400, field: 'webhook.url' });
    }
    const notUrl = await client.post<ProblemDetails>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, webhook: { url: 'ftp://example.com' } });
    expect(notUrl.body.errors).toEqual([{ field: 'webhook.url', message: 'webhook.url must be an http(s) URL' }]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateJobRequest } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import type { WebhookDelivery, WebhookOutcome, WorkOptions } from '../execution/job-execution.service.js';
import { JobFailure } from '../execution/job-failure.js';
import type { JobSummaryRecord } from '../records/job-record.js';
import { storedJob, webhookEntries } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { ScriptedRunner } from '../testing/scripted-runner.js';

describe('webhook bookkeeping', () => {
  let domain: JobDomain;
  const owner = newViewer();
  const options: WorkOptions = { concurrency: 4, pollIntervalSeconds: 0.2 };
  const webhook = { url: 'https://hooks.example.com/jobs', secret: 'shh' };

  beforeAll(async () => {
    domain = await openJobDomain('worker');
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  async function submit(requests: Partial<CreateJobRequest>[]): Promise<string[]> {
    const submission = await domain.submission.submitBatch(owner, requests.map((request) => ({ type: BENCH_NOOP.name, payload: {}, ...request })));
    return submission.jobs.map((job) => job.id);
  }

  const job = (id: string): Promise<JobSummaryRecord> => domain.reads.findVisible(owner, id);

  /** Runs the worker until every job has finished: the `failing` ones fail, the rest complete. */
  async function runToTheEnd(ids: readonly string[], failing: ReadonlySet<string> = new Set()): Promise<void> {
    const runner = new ScriptedRunner(async (claimed) =>
      failing.has(claimed.id) ? { status: 'failed', failure: new JobFailure('Boom', 'no') } : { status: 'completed', data: {} },
    );
    await domain.withExecution(async (execution) => {
      execution.work(BENCH_NOOP.name, options, runner);
      for (const id of ids) await waitUntil(() => storedJob(domain.prisma, id), (stored) => stored?.status === 'COMPLETED' || stored?.status === 'FAILED');
    });
  }

  it('queues exactly one delivery for each finished job with a webhook, and none for a job without', async () => {
    const [completed = '', failed = '', plain = ''] = await submit([{ webhook }, { webhook }, {}]);
    await runToTheEnd([completed, failed, plain], new Set([failed]));
    expect(await storedJob(domain.prisma, failed)).toMatchObject({ status: 'FAILED' });
    expect(await webhookEntries(domain.prisma, completed)).toHaveLength(1);
    expect(await webhookEntries(domain.prisma, failed)).toHaveLength(1);
    expect(await webhookEntries(domain.prisma, plain)).toHaveLength(0);
  });

  it('records each delivery attempt, and the delivery once the receiver took it', async () => {
    const ids = await submit([{ webhook }, { webhook }]);
    await runToTheEnd(ids);
    const deliveries: WebhookDelivery[] = [];
    await domain.withExecution(async (execution) => {
      execution.deliverWebhooks(options, async (delivery) => {
        deliveries.push(delivery);
        return { delivered: true };
      });
      for (const id of ids) await waitUntil(() => job(id), (current) => current.webhookDeliveredAt !== null);
    });
    for (const id of ids) {
      expect(await job(id)).toMatchObject({ webhookAttempts: 1, webhookError: null });
      expect(deliveries.filter((delivery) => delivery.jobId === id)).toEqual([
        expect.objectContaining({ url: webhook.url, secret: webhook.secret, attempt: 1, summary: expect.objectContaining({ id, status: (await job(id)).status }) }),
      ]);
      expect(await webhookEntries(domain.prisma, id)).toEqual([expect.objectContaining({ state: 'completed' })]);
    }
  });

  it('records a refused delivery, retrying it only when that may help', async () => {
    const [gone = '', busy = ''] = await submit([{ webhook }, { webhook }]);
    await runToTheEnd([gone, busy]);
    const outcomes: Record<string, WebhookOutcome> = {
      [gone]: { delivered: false, error: '410 Gone', retry: false },
      [busy]: { delivered: false, error: '503 Busy', retry: true },
    };
    await domain.withExecution(async (execution) => {
      execution.deliverWebhooks(options, async (delivery) => outcomes[delivery.jobId] ?? { delivered: true });
      await waitUntil(() => webhookEntries(domain.prisma, gone), ([entry]) => entry?.state === 'completed');
      await waitUntil(() => webhookEntries(domain.prisma, busy), ([entry]) => entry?.state === 'retry');
    });
    expect(await job(gone)).toMatchObject({ webhookAttempts: 1, webhookError: '410 Gone', webhookDeliveredAt: null });
    expect(await job(busy)).toMatchObject({ webhookAttempts: 1, webhookError: '503 Busy', webhookDeliveredAt: null });
  });

  it('settles the delivery of a job deleted meanwhile without calling the receiver', async () => {
    const [id = ''] = await submit([{ webhook }]);
    await domain.control.cancel(owner, id);
    await domain.control.delete(owner, id);
    const called: string[] = [];
    await domain.withExecution(async (execution) => {
      execution.deliverWebhooks(options, async (delivery) => {
        called.push(delivery.jobId);
        return { delivered: true };
      });
      await waitUntil(() => webhookEntries(domain.prisma, id), ([entry]) => entry?.state === 'completed');
    });
    expect(called).toEqual([]);
  });
});

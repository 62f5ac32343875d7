import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DIAGNOSTICS_SLEEP } from '@jobs/dto';
import { activeTraceParent } from '@jobs/tracing';
import { waitUntil } from '@jobs/testing';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { storedJob } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import { ScriptedRunner } from '../testing/scripted-runner.js';
import { JobFailure } from './job-failure.js';
import type { WorkOptions } from './job-execution.service.js';

/** A job's trace: the submission's span stored with the job, and each attempt's span its child — with OpenTelemetry's real SDK, spans kept in memory. */
describe("a job's trace", () => {
  let domain: JobDomain;
  const owner = newViewer();
  const options: WorkOptions = { concurrency: 4, pollIntervalSeconds: 0.2 };
  const sleepJob = { type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 } };

  beforeAll(async () => {
    domain = await openJobDomain('worker');
  });

  afterEach(async () => {
    await domain.control.purge({ scope: { kind: 'all' } });
  });

  afterAll(async () => {
    await domain?.close();
  });

  const storedTraceParent = async (id: string): Promise<string | null> => {
    const [row] = await domain.prisma.$queryRaw<{ traceParent: string | null }[]>`SELECT trace_parent AS "traceParent" FROM jobs WHERE id = ${id}::uuid`;
    return row?.traceParent ?? null;
  };

  it('stores no trace while OpenTelemetry is not registered (tracing off)', async () => {
    const [job] = (await domain.submission.submit(owner, sleepJob)).jobs;
    expect(await storedTraceParent(job?.id ?? '')).toBeNull();
  });

  describe('with the SDK registered', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

    beforeAll(() => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      trace.setGlobalTracerProvider(provider);
    });

    afterAll(async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
    });

    const spansNamed = (name: string, jobId: string): ReadableSpan[] =>
      exporter.getFinishedSpans().filter((span) => span.name === name && span.attributes['job.id'] === jobId);

    it("stores the submission span's context with the job, as a child of the caller's span", async () => {
      const request = trace.getTracer('test').startSpan('POST /v1/jobs');
      const [job] = (await context.with(trace.setSpan(context.active(), request), () => domain.submission.submit(owner, sleepJob))).jobs;
      request.end();
      const [submit] = spansNamed('jobs.submit', job?.id ?? '');
      expect(submit?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(submit?.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(submit?.attributes).toMatchObject({ 'jobs.count': 1, 'job.type': DIAGNOSTICS_SLEEP.name, 'db.system.name': 'postgresql' });
      expect(await storedTraceParent(job?.id ?? '')).toBe(`00-${submit?.spanContext().traceId}-${submit?.spanContext().spanId}-01`);
    });

    it("runs every attempt in a span that continues the job's trace, with the attempt's outcome, and the handler inside it", async () => {
      const [job] = (await domain.submission.submit(owner, { ...sleepJob, maxAttempts: 2 })).jobs;
      const id = job?.id ?? '';
      const seenByHandler: (string | null)[] = [];
      const runner = new ScriptedRunner(async (claimed) => {
        seenByHandler.push(activeTraceParent());
        return claimed.attempt === 1 ? { status: 'failed', failure: new JobFailure('Flaky', 'try again') } : { status: 'completed', data: { sleptMs: 0 } };
      });
      await domain.withExecution(async (execution) => {
        execution.work(DIAGNOSTICS_SLEEP.name, options, runner);
        await waitUntil(
          () => storedJob(domain.prisma, id),
          (stored) => stored?.status === 'COMPLETED',
          { timeoutMs: 30_000 },
        );
      });
      const [submit] = spansNamed('jobs.submit', id);
      const runs = spansNamed('job.run', id).sort((left, right) => Number(left.attributes['job.attempt']) - Number(right.attributes['job.attempt']));
      expect(runs.map((run) => [run.attributes['job.attempt'], run.attributes['job.outcome'], run.status.code])).toEqual([
        [1, 'RETRIED', SpanStatusCode.ERROR],
        [2, 'COMPLETED', SpanStatusCode.UNSET],
      ]);
      for (const run of runs) {
        expect(run.kind).toBe(SpanKind.CONSUMER);
        expect(run.spanContext().traceId).toBe(submit?.spanContext().traceId);
        expect(run.parentSpanContext?.spanId).toBe(submit?.spanContext().spanId);
      }
      expect(runs[0]?.attributes['error.type']).toBe('Flaky');
      // The handler ran with its attempt's span active: its log lines carry that span.
      expect(seenByHandler).toEqual(runs.map((run) => `00-${run.spanContext().traceId}-${run.spanContext().spanId}-01`));
    });

    it("starts a fired schedule's job in a trace of the firing", async () => {
      const schedule = await domain.schedules.create(owner, { name: 'traced', cron: '* * * * *', type: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 } });
      await domain.prisma.$executeRaw`UPDATE schedules SET next_fire_at = date_trunc('minute', now()) WHERE id = ${schedule.id}::uuid`;
      const firer = await domain.openFirer();
      let jobId: string | null = null;
      try {
        jobId = (await firer.firing.fireDue()).find((firing) => firing.scheduleId === schedule.id)?.jobId ?? null;
      } finally {
        await firer.close();
      }
      const [firing] = exporter.getFinishedSpans().filter((span) => span.name === 'schedule.fire' && span.attributes['schedule.id'] === schedule.id);
      expect(firing?.parentSpanContext).toBeUndefined();
      expect(firing?.attributes).toMatchObject({ 'job.id': jobId, 'job.type': DIAGNOSTICS_SLEEP.name });
      expect(await storedTraceParent(jobId ?? '')).toBe(`00-${firing?.spanContext().traceId}-${firing?.spanContext().spanId}-01`);
    });

    it('gives a webhook delivery a trace of its own, linked to the job’s', async () => {
      const [job] = (await domain.submission.submit(owner, sleepJob)).jobs;
      const id = job?.id ?? '';
      const stored = await storedTraceParent(id);
      const [, traceId] = /^00-([0-9a-f]{32})-/.exec(stored ?? '') ?? [];
      await domain.prisma.$executeRaw`UPDATE jobs SET webhook_url = 'https://receiver.example/hook', webhook_secret = 'a-secret-of-sixteen', status = 'COMPLETED', finished_at = now() WHERE id = ${id}::uuid`;
      const delivered: (string | null)[] = [];
      await domain.withExecution(async (execution) => {
        await domain.prisma.$transaction((tx) => domain.queue.enqueueWebhooks(tx, [id]));
        execution.deliverWebhooks(options, async () => {
          delivered.push(activeTraceParent());
          return { delivered: true };
        });
        await waitUntil(
          async () => spansNamed('webhook.deliver', id).length,
          (count) => count === 1,
          { timeoutMs: 30_000 },
        );
      });
      const [delivery] = spansNamed('webhook.deliver', id);
      expect(delivery?.kind).toBe(SpanKind.CLIENT);
      expect(delivery?.spanContext().traceId).not.toBe(traceId);
      expect(delivery?.links.map((link) => link.context.traceId)).toEqual([traceId]);
      expect(delivered).toEqual([`00-${delivery?.spanContext().traceId}-${delivery?.spanContext().spanId}-01`]);
    });
  });
});

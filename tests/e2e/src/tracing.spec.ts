import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobSummary } from '@jobs/contracts';
import {
  API_MAIN,
  type ApiClient,
  mintToken,
  openEventStream,
  OtlpReceiver,
  type ReceivedSpan,
  spawnNode,
  startStack,
  TEST_JWT_SECRET,
  type TestStack,
  uniqueSubject,
  waitUntil,
  WORKER_MAIN,
} from '@jobs/testing';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
/** Spans leave in batches every 100 ms instead of the standard 5 s. */
const QUICK_BATCHES = { OTEL_BSP_SCHEDULE_DELAY: '100' };
/** Where an OTLP/HTTP exporter sends when told nothing (the specification's default endpoint). */
const DEFAULT_OTLP_PORT = 4318;

interface Traceparent {
  header: string;
  traceId: string;
  spanId: string;
}

/** A client's W3C trace context, sampled. */
function newTraceparent(): Traceparent {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/** The JSON log lines of a process's output (pino writes one object per line outside development). */
function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A local webhook receiver that keeps each delivery's headers. */
class WebhookReceiver {
  readonly received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body });
      response.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  forJob(jobId: string): Array<{ headers: IncomingHttpHeaders; body: string }> {
    return this.received.filter((delivery) => (JSON.parse(delivery.body) as JobSummary).id === jobId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A job's spans: the request that submitted it, `jobs.submit`, and one `job.run` per attempt (in attempt order). */
interface JobTrace {
  request: ReceivedSpan;
  submit: ReceivedSpan;
  runs: ReceivedSpan[];
}

/** Waits until the receiver holds `jobId`'s submission (request and `jobs.submit`) and `runs` of its `job.run` spans. */
function jobTrace(receiver: OtlpReceiver, jobId: string, runs = 1): Promise<JobTrace> {
  return receiver.waitFor((spans) => {
    const submit = spans.find((span) => span.name === 'jobs.submit' && span.attributes['job.id'] === jobId);
    const request = submit && spans.find((span) => span.spanId === submit.parentSpanId);
    const attempts = spans.filter((span) => span.name === 'job.run' && span.attributes['job.id'] === jobId);
    if (!submit || !request || attempts.length < runs) return undefined;
    return { request, submit, runs: attempts.sort((a, b) => Number(a.attributes['job.attempt']) - Number(b.attributes['job.attempt'])) };
  });
}

describe('OpenTelemetry traces', () => {
  let receiver: OtlpReceiver;
  let stack: TestStack;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    // Both encodings and both ways of naming the endpoint: the API sends JSON to the base endpoint, the
    // worker gzipped protobuf to the traces endpoint.
    stack = await startStack({
      apiEnv: {
        ...DIAGNOSTICS,
        ...QUICK_BATCHES,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=e2e',
      },
      workerEnv: {
        ...DIAGNOSTICS,
        ...QUICK_BATCHES,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  /** A client of a new user: each test's jobs are its own. */
  const newClient = (): ApiClient => stack.client.withToken(mintToken({ sub: uniqueSubject('traced') }));
  const submit = async (client: ApiClient, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> => {
    const accepted = await client.post<JobAcceptedResponse>('/v1/jobs', body, { headers });
    expect([accepted.status, accepted.body]).toEqual([202, expect.objectContaining({ jobId: expect.any(String) })]);
    return accepted.body.jobId;
  };
  const finished = (client: ApiClient, jobId: string): Promise<JobSummary> =>
    waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body, (job) => ['COMPLETED', 'FAILED'].includes(job.status), { timeoutMs: 60_000 });

  it('puts a job\'s request, submission and run in the client\'s trace, each the child of the one before', async () => {
    const parent = newTraceparent();
    const client = newClient();
    const jobId = await submit(client, { type: 'text.indicators', payload: { text: '192.0.2.7' } }, { traceparent: parent.header });

    const { request, submit: submission, runs } = await jobTrace(receiver, jobId);
    // The whole job names its trace, for a tracing backend's search.
    expect((await client.get<JobResponse>(`/v1/jobs/${jobId}`)).body.traceId).toBe(parent.traceId);

    expect(request).toMatchObject({
      traceId: parent.traceId,
      parentSpanId: parent.spanId,
      name: 'POST /v1/jobs',
      kind: 'SERVER',
      serviceName: 'jobs-api',
      resource: expect.objectContaining({ 'deployment.environment.name': 'e2e' }),
      attributes: expect.objectContaining({ 'http.request.method': 'POST', 'http.route': '/v1/jobs', 'url.path': '/v1/jobs', 'http.response.status_code': 202 }),
      encoding: 'json',
    });
    expect(submission).toMatchObject({
      traceId: parent.traceId,
      parentSpanId: request.spanId,
      kind: 'INTERNAL',
      serviceName: 'jobs-api',
      attributes: expect.objectContaining({ 'db.system.name': 'postgresql', 'jobs.count': 1, 'job.type': 'text.indicators', 'job.id': jobId }),
    });
    expect(runs).toEqual([
      expect.objectContaining({
        traceId: parent.traceId,
        parentSpanId: submission.spanId,
        kind: 'CONSUMER',
        serviceName: 'jobs-worker',
        attributes: expect.objectContaining({ 'job.id': jobId, 'job.type': 'text.indicators', 'job.attempt': 1, 'job.outcome': 'COMPLETED' }),
        status: expect.objectContaining({ code: expect.not.stringMatching(/^ERROR$/) }),
        encoding: 'protobuf',
      }),
    ]);
    // The run starts after the submission it belongs to.
    expect(runs[0]?.startUnixMs).toBeGreaterThanOrEqual(submission.startUnixMs);
    // Every export was understood, and the worker's came gzipped.
    expect(receiver.requests.filter((export_) => export_.status !== 200)).toEqual([]);
    expect(receiver.requests.filter((export_) => export_.contentType === 'application/x-protobuf').every((export_) => export_.contentEncoding === 'gzip')).toBe(true);
  });

  it('starts a trace of its own for a request without a traceparent, and keeps the job in it', async () => {
    const jobId = await submit(newClient(), { type: 'text.indicators', payload: { text: 'no context here' } });

    const { request, submit: submission, runs } = await jobTrace(receiver, jobId);

    expect(request).toMatchObject({ name: 'POST /v1/jobs', kind: 'SERVER', parentSpanId: null });
    expect(submission).toMatchObject({ traceId: request.traceId, parentSpanId: request.spanId });
    expect(runs).toEqual([expect.objectContaining({ traceId: request.traceId, parentSpanId: submission.spanId })]);
  });

  it('parents every job of a batch on the batch\'s one submission', async () => {
    const parent = newTraceparent();
    const batch = await newClient().post<{ jobs: JobAcceptedResponse[] }>(
      '/v1/jobs/batch',
      { jobs: ['a', 'b', 'c'].map((text) => ({ type: 'text.indicators', payload: { text } })) },
      { headers: { traceparent: parent.header } },
    );
    expect(batch.status).toBe(202);
    const jobIds = batch.body.jobs.map((job) => job.jobId);

    const { submission, runs } = await receiver.waitFor((spans) => {
      const submitSpan = spans.find((span) => span.name === 'jobs.submit' && span.traceId === parent.traceId);
      const runSpans = spans.filter((span) => span.name === 'job.run' && jobIds.includes(String(span.attributes['job.id'])));
      return submitSpan && runSpans.length === jobIds.length && { submission: submitSpan, runs: runSpans };
    });

    expect(submission.attributes).toMatchObject({ 'jobs.count': 3, 'job.type': 'text.indicators' });
    expect(submission.attributes).not.toHaveProperty('job.id');
    for (const run of runs) expect(run).toMatchObject({ traceId: parent.traceId, parentSpanId: submission.spanId });
  });

  it('runs each attempt of a retried job as its own job.run in the job\'s trace', async () => {
    const client = newClient();
    const jobId = await submit(client, { type: 'diagnostics.sleep', payload: { durationMs: 10, steps: 1, failAttempts: 1 }, maxAttempts: 2 });
    expect((await finished(client, jobId)).status).toBe('COMPLETED');

    const { submit: submission, runs } = await jobTrace(receiver, jobId, 2);

    expect(runs).toEqual([
      expect.objectContaining({
        traceId: submission.traceId,
        parentSpanId: submission.spanId,
        attributes: expect.objectContaining({ 'job.attempt': 1, 'job.outcome': 'RETRIED' }),
        status: expect.objectContaining({ code: 'ERROR' }),
      }),
      expect.objectContaining({
        traceId: submission.traceId,
        parentSpanId: submission.spanId,
        attributes: expect.objectContaining({ 'job.attempt': 2, 'job.outcome': 'COMPLETED' }),
        status: expect.objectContaining({ code: expect.not.stringMatching(/^ERROR$/) }),
      }),
    ]);
  });

  it('spans a job\'s event stream under its request, linked to the job\'s trace', async () => {
    const token = mintToken({ sub: uniqueSubject('watcher') });
    const owner = stack.client.withToken(token);
    const jobId = (await owner.post<JobAcceptedResponse>('/v1/jobs', { type: 'diagnostics.sleep', payload: { durationMs: 300, steps: 3 } })).body.jobId;
    const watcher = newTraceparent();

    const stream = await openEventStream(`${stack.api.url}/v1/jobs/${jobId}/stream`, { authorization: `Bearer ${token}`, traceparent: watcher.header });
    expect(stream.status).toBe(200);
    expect((await stream.rest(60_000)).at(-1)?.event).toBe('result');

    const { request, streamSpan, submission } = await receiver.waitFor((spans) => {
      const submitSpan = spans.find((span) => span.name === 'jobs.submit' && span.attributes['job.id'] === jobId);
      const requestSpan = spans.find((span) => span.kind === 'SERVER' && span.traceId === watcher.traceId);
      const streamed = requestSpan && spans.find((span) => span.name === 'job.stream' && span.parentSpanId === requestSpan.spanId);
      return submitSpan && streamed && { request: requestSpan, streamSpan: streamed, submission: submitSpan };
    });

    expect(request).toMatchObject({
      name: 'GET /v1/jobs/:id/stream',
      parentSpanId: watcher.spanId,
      attributes: expect.objectContaining({ 'http.request.method': 'GET', 'http.route': '/v1/jobs/:id/stream', 'url.path': `/v1/jobs/${jobId}/stream` }),
    });
    expect(streamSpan).toMatchObject({ traceId: watcher.traceId, kind: 'INTERNAL', serviceName: 'jobs-api' });
    expect(streamSpan.links).toEqual([expect.objectContaining({ traceId: submission.traceId, spanId: submission.spanId })]);
  });

  it('sends a webhook with the traceparent of its delivery span, which links to the job\'s trace', async () => {
    const hooks = new WebhookReceiver();
    const url = await hooks.start();
    try {
      const jobId = await submit(newClient(), { type: 'text.indicators', payload: { text: '198.51.100.4' }, webhook: { url, secret: 'receiver-secret-of-sufficient-length' } });
      const [delivery] = await waitUntil(async () => hooks.forJob(jobId), (deliveries) => deliveries.length === 1, { timeoutMs: 60_000 });

      const header = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(String(delivery?.headers['traceparent']));
      expect(header).not.toBeNull();
      const [, traceId, spanId] = header ?? [];
      const { submit: submission } = await jobTrace(receiver, jobId);
      const deliverySpan = await receiver.waitFor((spans) => spans.find((span) => span.spanId === spanId));

      expect(deliverySpan).toMatchObject({ traceId, name: 'webhook.deliver', kind: 'CLIENT', serviceName: 'jobs-worker' });
      expect(deliverySpan.traceId).not.toBe(submission.traceId);
      expect(deliverySpan.links).toEqual([expect.objectContaining({ traceId: submission.traceId, spanId: submission.spanId })]);
      expect(deliverySpan.attributes).toMatchObject({ 'job.id': jobId, 'http.response.status_code': 200 });
    } finally {
      await hooks.stop();
    }
  });

  it('writes the trace and span ids on the API\'s request log line and the worker\'s lines about the run', async () => {
    const parent = newTraceparent();
    const requestId = `traced-${Date.now()}`;
    const jobId = await submit(newClient(), { type: 'text.indicators', payload: { text: '203.0.113.77' } }, { traceparent: parent.header, 'x-request-id': requestId });
    const { request, runs } = await jobTrace(receiver, jobId);

    const requestLine = await waitUntil(
      async () => logLines(stack.api.process.logs()).find((line) => (line['req'] as { id?: string } | undefined)?.id === requestId),
      (line) => line !== undefined,
    );
    expect(requestLine).toMatchObject({ trace_id: parent.traceId, span_id: request.spanId });

    const workerLines = await waitUntil(
      async () => stack.workers.flatMap((worker) => logLines(worker.logs())).filter((line) => line['jobId'] === jobId),
      (lines) => lines.some((line) => typeof line['msg'] === 'string' && line['msg'].startsWith('completed')),
    );
    for (const line of workerLines) expect(line).toMatchObject({ trace_id: parent.traceId, span_id: runs[0]?.spanId });
  });
});

describe('OpenTelemetry switched off', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    // On the default endpoint too: a process told nothing that exported anyway would send here.
    receiver = await OtlpReceiver.start({ port: DEFAULT_OTLP_PORT });
  });

  afterAll(async () => {
    await receiver?.stop();
  });

  /** Runs a job with a client traceparent on a stack with these settings, stops its processes (which flushes what they would export) and returns their logs. */
  async function runJobAndStop(apiEnv: Record<string, string>, workerEnv: Record<string, string>): Promise<string[]> {
    receiver.clear();
    const stack = await startStack({ apiEnv: { ...DIAGNOSTICS, ...apiEnv }, workerEnv: { ...DIAGNOSTICS, ...workerEnv } });
    try {
      const client = stack.client.withToken(mintToken({ sub: uniqueSubject('untraced') }));
      const accepted = await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: '192.0.2.9' } }, { headers: { traceparent: newTraceparent().header } });
      await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${accepted.body.jobId}/status`)).body.status, (status) => status === 'COMPLETED');
      expect((await client.get<JobResponse>(`/v1/jobs/${accepted.body.jobId}`)).body.traceId).toBeNull();
      const processes = [stack.api.process, ...stack.workers];
      expect(await Promise.all(processes.map((process) => process.stop()))).toEqual(processes.map(() => ({ code: 0, signal: null })));
      return processes.map((process) => process.logs());
    } finally {
      await stack.stop();
    }
  }

  it('exports nothing and logs no trace ids without any OTEL_* variable', async () => {
    const logs = await runJobAndStop({}, {});
    expect(receiver.requests).toEqual([]);
    for (const output of logs) expect(output).not.toContain('trace_id');
  });

  it('exports nothing with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none beside an endpoint', async () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    const logs = await runJobAndStop({ ...endpoint, OTEL_SDK_DISABLED: 'true' }, { ...endpoint, OTEL_TRACES_EXPORTER: 'none' });
    expect(receiver.requests).toEqual([]);
    for (const output of logs) expect(output).not.toContain('trace_id');
  });

  it('refuses to start with a protocol it does not speak or a sampler it does not know, naming the variable', async () => {
    const common = { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', JWT_SECRET: TEST_JWT_SECRET, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    for (const [label, main, variable, value] of [
      ['api', API_MAIN, 'OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
      ['worker', WORKER_MAIN, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'grpc'],
      ['api', API_MAIN, 'OTEL_TRACES_SAMPLER', 'bogus'],
    ] as const) {
      const process = spawnNode(label, main, { ...common, [variable]: value });
      expect({ label, variable, exit: await process.exited }).toEqual({ label, variable, exit: { code: 1, signal: null } });
      expect(process.logs()).toMatch(new RegExp(`${variable}\\b.*${value}`));
    }
    expect(receiver.requests).toEqual([]);
  });
});

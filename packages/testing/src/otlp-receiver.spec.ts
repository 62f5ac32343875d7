import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, type SpanContext, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { OtlpReceiver } from './otlp-receiver.js';
import type { OtlpEncoding, ReceivedSpan } from './otlp/received-span.js';

const REMOTE_PARENT: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED, isRemote: true };
const LINKED: SpanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };

/**
 * Two spans through a real SDK and exporter: a SERVER span under a remote parent, with attributes of
 * every kind and a link, and a CONSUMER child of it with an event and an error status.
 */
async function exportSample(exporter: SpanExporter): Promise<{ server: SpanContext; child: SpanContext }> {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'sample-service', 'deployment.environment.name': 'test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('sample-scope', '1.2.3');
  const server = tracer.startSpan(
    'POST /v1/things',
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': 'POST', 'http.response.status_code': 202, ratio: 0.25, cached: false, tags: ['a', 'b'], 'huge.count': 2 ** 40 },
      links: [{ context: LINKED, attributes: { 'link.reason': 'the job' } }],
    },
    trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT),
  );
  const child = tracer.startSpan('job.run', { kind: SpanKind.CONSUMER, attributes: { 'job.attempt': 1 } }, trace.setSpan(ROOT_CONTEXT, server));
  child.addEvent('retry scheduled', { 'retry.delay_ms': 1500 });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'handler failed' });
  child.end();
  server.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { server: server.spanContext(), child: child.spanContext() };
}

function expectSample(spans: readonly ReceivedSpan[], ids: { server: SpanContext; child: SpanContext }, encoding: OtlpEncoding): void {
  const server = spans.find((span) => span.spanId === ids.server.spanId);
  const child = spans.find((span) => span.spanId === ids.child.spanId);
  const context = {
    serviceName: 'sample-service',
    resource: expect.objectContaining({ 'service.name': 'sample-service', 'deployment.environment.name': 'test' }),
    scope: { name: 'sample-scope', version: '1.2.3' },
    encoding,
  };
  expect(server).toEqual({
    traceId: REMOTE_PARENT.traceId,
    spanId: ids.server.spanId,
    parentSpanId: REMOTE_PARENT.spanId,
    traceState: '',
    name: 'POST /v1/things',
    kind: 'SERVER',
    startUnixMs: expect.any(Number),
    endUnixMs: expect.any(Number),
    attributes: { 'http.request.method': 'POST', 'http.response.status_code': 202, ratio: 0.25, cached: false, tags: ['a', 'b'], 'huge.count': 2 ** 40 },
    events: [],
    links: [{ traceId: LINKED.traceId, spanId: LINKED.spanId, traceState: '', attributes: { 'link.reason': 'the job' } }],
    status: { code: 'UNSET', message: '' },
    ...context,
  });
  expect(child).toMatchObject({
    traceId: REMOTE_PARENT.traceId,
    parentSpanId: ids.server.spanId,
    name: 'job.run',
    kind: 'CONSUMER',
    attributes: { 'job.attempt': 1 },
    events: [{ name: 'retry scheduled', timeUnixMs: expect.any(Number), attributes: { 'retry.delay_ms': 1500 } }],
    links: [],
    status: { code: 'ERROR', message: 'handler failed' },
    ...context,
  });
  // Times are the SDK's clock, to the microsecond: now, and in order.
  for (const span of [server, child]) {
    expect(Math.abs((span?.startUnixMs ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(span?.endUnixMs).toBeGreaterThanOrEqual(span?.startUnixMs ?? Infinity);
  }
  expect(child?.startUnixMs).toBeGreaterThanOrEqual(server?.startUnixMs ?? Infinity);
}

describe('OtlpReceiver', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
  });

  afterEach(() => receiver.clear());

  afterAll(async () => {
    await receiver?.stop();
  });

  const endpoint = (): string => `${receiver.url}/v1/traces`;

  it('decodes what the OTLP/HTTP JSON exporter sends', async () => {
    const ids = await exportSample(new JsonExporter({ url: endpoint() }));
    expectSample(await receiver.waitFor((spans) => spans.length === 2 && spans), ids, 'json');
    // The simple processor exports each span as it ends: one request each.
    expect(receiver.requests.map(({ path, contentType, status, spans, error }) => ({ path, contentType, status, spans, error }))).toEqual(
      Array(2).fill({ path: '/v1/traces', contentType: 'application/json', status: 200, spans: 1, error: null }),
    );
  });

  it('decodes what the OTLP/HTTP protobuf exporter sends, gzipped or not', async () => {
    const plain = await exportSample(new ProtobufExporter({ url: endpoint() }));
    const gzipped = await exportSample(new ProtobufExporter({ url: endpoint(), compression: CompressionAlgorithm.GZIP }));
    const spans = await receiver.waitFor((received) => received.length === 4 && received);
    expectSample(spans, plain, 'protobuf');
    expectSample(spans, gzipped, 'protobuf');
    expect(receiver.requests.map(({ contentType, contentEncoding, status }) => ({ contentType, contentEncoding, status }))).toEqual(
      expect.arrayContaining([
        { contentType: 'application/x-protobuf', contentEncoding: null, status: 200 },
        { contentType: 'application/x-protobuf', contentEncoding: 'gzip', status: 200 },
      ]),
    );
  });

  it('answers an empty ExportTraceServiceResponse in the request\'s encoding', async () => {
    const json = await fetch(endpoint(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[]}' });
    expect([json.status, json.headers.get('content-type'), await json.text()]).toEqual([200, 'application/json', '{}']);
    const protobuf = await fetch(endpoint(), { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(0)) });
    expect([protobuf.status, protobuf.headers.get('content-type'), (await protobuf.arrayBuffer()).byteLength]).toEqual([200, 'application/x-protobuf', 0]);
  });

  it('refuses what is not a trace export, and says why', async () => {
    const post = (path: string, contentType: string, body: string | Uint8Array, method = 'POST'): Promise<number> =>
      fetch(`${receiver.url}${path}`, { method, headers: { 'content-type': contentType }, ...(method === 'POST' ? { body } : {}) }).then((response) => response.status);
    expect(await post('/v1/metrics', 'application/json', '{}')).toBe(404);
    expect(await post('/v1/traces', 'application/json', '', 'GET')).toBe(405);
    expect(await post('/v1/traces', 'text/plain', 'hello')).toBe(415);
    expect(await post('/v1/traces', 'application/json', '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"CvdlGRbNQ92ESOshHIAxnA==","spanId":"t61rcWkgMzE="}]}]}]}')).toBe(400);
    // resource_spans (1) → scope_spans (2) → spans (2) → trace_id (1) of 3 bytes.
    expect(await post('/v1/traces', 'application/x-protobuf', Uint8Array.of(0x0a, 0x09, 0x12, 0x07, 0x12, 0x05, 0x0a, 0x03, 1, 2, 3))).toBe(400);
    expect(await post('/v1/traces', 'application/x-protobuf', Uint8Array.of(0x0a, 0x05, 0x12))).toBe(400);
    expect(receiver.requests.map(({ status, error }) => [status, error])).toEqual([
      [404, 'no such endpoint /v1/metrics'],
      [405, 'GET is not POST'],
      [415, 'unsupported content type "text/plain"'],
      [400, 'traceId "CvdlGRbNQ92ESOshHIAxnA==" is not 16 bytes of hex'],
      [400, 'traceId "010203" is not 16 bytes of hex'],
      [400, 'field of 5 bytes runs past the message\'s end'],
    ]);
    expect(receiver.spans).toEqual([]);
  });

  it('waits for a match among later exports, and fails with what it received when none comes', async () => {
    const waiting = receiver.waitFor((spans) => spans.find((span) => span.kind === 'CONSUMER'), 30_000);
    const ids = await exportSample(new JsonExporter({ url: endpoint() }));
    expect((await waiting).spanId).toBe(ids.child.spanId);
    await expect(receiver.waitFor((spans) => spans.find((span) => span.name === 'never sent'), 200)).rejects.toThrow(
      /no match within 200 ms among 2 spans received:\n[^]*^ {2}sample-service POST \/v1\/things SERVER trace=0af7651916cd43dd8448eb211c80319c span=[0-9a-f]{16} parent=b7ad6b7169203331 links=4bf92f3577b34da6a3ce929d0e0e4736\/00f067aa0ba902b7$/m,
    );
  });

  it('only counts spans when told not to keep them', async () => {
    const counting = await OtlpReceiver.start({ retainSpans: false });
    try {
      await exportSample(new ProtobufExporter({ url: `${counting.url}/v1/traces` }));
      expect([counting.spanCount, counting.spans.length]).toEqual([2, 0]);
    } finally {
      await counting.stop();
    }
  });
});

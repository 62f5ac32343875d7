import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { decodeJsonTraces } from './otlp/decode-json.js';
import { decodeProtobufTraces } from './otlp/decode-protobuf.js';
import type { OtlpEncoding, ReceivedSpan } from './otlp/received-span.js';

const unzip = promisify(gunzip);

/** One POST the receiver answered, whatever it held. */
export interface ReceivedRequest {
  path: string;
  contentType: string;
  contentEncoding: string | null;
  /** The receiver's answer: 200, or why the request was refused. */
  status: number;
  spans: number;
  error: string | null;
}

export interface OtlpReceiverOptions {
  /** Keep every span for `spans` and `waitFor` (default); false only counts them (`spanCount`), for a benchmark's millions. */
  retainSpans?: boolean;
  /** The port to listen on (default: a free one), e.g. 4318, where an exporter told nothing sends. */
  port?: number;
}

const CONTENT_TYPES: Record<string, OtlpEncoding> = { 'application/json': 'json', 'application/x-protobuf': 'protobuf' };

class RefusedRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A real OTLP/HTTP trace receiver on 127.0.0.1 (a free port unless told one), started by a test: it takes
 * `POST /v1/traces` in `application/json` or `application/x-protobuf`, gzipped or not, decodes
 * every span (the protobuf by hand: `otlp/decode-protobuf.ts`) and answers an empty
 * ExportTraceServiceResponse in the request's encoding. Point an exporter at it with
 * `OTEL_EXPORTER_OTLP_ENDPOINT=receiver.url`.
 */
export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly received: ReceivedSpan[] = [];
  private count = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    /** The endpoint's base URL (`http://127.0.0.1:PORT`), as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
    readonly url: string,
    private readonly retainSpans: boolean,
  ) {}

  static async start(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | undefined;
    const server = createServer((request, response) => void receiver?.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    receiver = new OtlpReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options.retainSpans ?? true);
    return receiver;
  }

  /** Every span received so far, in arrival order (empty when spans are not retained). */
  get spans(): readonly ReceivedSpan[] {
    return this.received;
  }

  /** Spans received so far, retained or not. */
  get spanCount(): number {
    return this.count;
  }

  /**
   * Resolves with `find`'s first truthy answer over the spans received so far, asked again after
   * every export; rejects after `timeoutMs` with what did arrive.
   */
  waitFor<T>(find: (spans: readonly ReceivedSpan[]) => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = find(this.received);
        if (!found) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const listener = (): void => {
        try {
          check();
        } catch (error) {
          this.listeners.delete(listener);
          clearTimeout(timer);
          reject(error as Error);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no match within ${timeoutMs} ms among ${this.received.length} spans received:\n${this.describe()}`));
      }, timeoutMs);
      this.listeners.add(listener);
      listener();
    });
  }

  /** Forgets what was received. */
  clear(): void {
    this.received.length = 0;
    this.requests.length = 0;
    this.count = 0;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Exporters keep their connections alive: close them, idle or not.
    this.server.closeAllConnections();
    await closed;
  }

  /** One line per span: service, name, kind, ids: what a failing test prints. */
  describe(spans: readonly ReceivedSpan[] = this.received): string {
    return spans
      .map((span) => `  ${span.serviceName} ${span.name} ${span.kind} trace=${span.traceId} span=${span.spanId} parent=${span.parentSpanId ?? '-'} links=${span.links.map((link) => `${link.traceId}/${link.spanId}`).join(',') || '-'}`)
      .join('\n');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.url).pathname;
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const contentEncoding = request.headers['content-encoding']?.toLowerCase() ?? null;
    const encoding = CONTENT_TYPES[contentType];
    const record = (status: number, spans: number, error: string | null): void => {
      this.requests.push({ path, contentType, contentEncoding, status, spans, error });
    };
    try {
      if (path !== '/v1/traces') throw new RefusedRequest(404, `no such endpoint ${path}`);
      if (request.method !== 'POST') throw new RefusedRequest(405, `${request.method} is not POST`);
      if (!encoding) throw new RefusedRequest(415, `unsupported content type ${JSON.stringify(contentType)}`);
      const body = await this.bodyOf(request, contentEncoding);
      const spans = encoding === 'json' ? decodeJsonTraces(body.toString('utf8')) : decodeProtobufTraces(body);
      this.count += spans.length;
      if (this.retainSpans) this.received.push(...spans);
      record(200, spans.length, null);
      // An empty ExportTraceServiceResponse: no bytes in protobuf, `{}` in JSON.
      response.writeHead(200, { 'content-type': contentType }).end(encoding === 'json' ? '{}' : undefined);
    } catch (error) {
      const status = error instanceof RefusedRequest ? error.status : 400;
      const message = (error as Error).message;
      record(status, 0, message);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(message);
    }
    for (const listener of [...this.listeners]) listener();
  }

  private async bodyOf(request: IncomingMessage, contentEncoding: string | null): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (contentEncoding === null || contentEncoding === 'identity') return body;
    if (contentEncoding !== 'gzip') throw new RefusedRequest(415, `unsupported content encoding ${contentEncoding}`);
    try {
      return await unzip(body);
    } catch (error) {
      throw new RefusedRequest(400, `gzip body does not decompress: ${(error as Error).message}`);
    }
  }
}

import { EventStreamParser, type RawServerSentEvent } from '@jobs/client';
import { OpenApiMismatchError } from './openapi-validator.js';
import { responseValidatorFor, validatingFetch } from './validating-fetch.js';

/** The schema of each event's data in the API's document, where it has one: a job's stream's, then the jobs feed's. */
const EVENT_SCHEMAS: Record<string, string> = {
  progress: 'JobProgress',
  log: 'JobLogLine',
  result: 'JobResponse',
  created: 'JobCreatedEventData',
  changed: 'JobChangedEventData',
  resync: 'JobFeedResyncEventData',
};

export interface ServerSentEvent {
  event: string;
  id: string | null;
  data: unknown;
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** The reconnection delay the server last asked for (`retry:`), as EventSource would keep it. */
  readonly retryMs: number | null;
  /** The next event, or null once the server closed the stream. */
  next(timeoutMs?: number): Promise<ServerSentEvent | null>;
  /** Every event until the server closes the stream. */
  rest(timeoutMs?: number): Promise<ServerSentEvent[]>;
  close(): void;
}

/**
 * A minimal Server-Sent Events client over fetch, as EventSource would see the wire. The response's
 * status and content type (and a refusal's problem document) are checked against the API's OpenAPI
 * document, and so is the data of the events the document has a schema for (`EVENT_SCHEMAS`).
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await validatingFetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const { origin, pathname } = new URL(url);
  const validator = await responseValidatorFor(origin);
  const checkEvent = (event: ServerSentEvent): ServerSentEvent => {
    const schema = EVENT_SCHEMAS[event.event];
    const problems = schema ? validator.schemaProblems(schema, event.data) : [];
    if (problems.length > 0) throw new OpenApiMismatchError(`${event.event} event of ${pathname} does not match ${schema}:\n  ${problems.join('\n  ')}`);
    return event;
  };
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  const queue: ServerSentEvent[] = [];
  let done = !reader;

  const parse = (raw: RawServerSentEvent): ServerSentEvent => {
    try {
      return { ...raw, data: JSON.parse(raw.data) as unknown };
    } catch {
      return raw;
    }
  };

  const pull = async (): Promise<void> => {
    if (!reader) return;
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      done = true;
      return;
    }
    if (chunk.done) {
      done = true;
      return;
    }
    queue.push(...parser.feed(decoder.decode(chunk.value, { stream: true })).map(parse).map(checkEvent));
  };

  const stream: EventStream = {
    status: response.status,
    headers: response.headers,
    get retryMs() {
      return parser.retryMs;
    },
    async next(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0 && !done) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([pull(), new Promise((resolve) => (timer = setTimeout(resolve, remaining)))]);
        clearTimeout(timer);
      }
      return queue.shift() ?? null;
    },
    async rest(timeoutMs = 30_000) {
      const events: ServerSentEvent[] = [];
      for (let event = await stream.next(timeoutMs); event; event = await stream.next(timeoutMs)) events.push(event);
      return events;
    },
    close() {
      abort.abort();
    },
  };
  return stream;
}

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

/** A minimal Server-Sent Events client over fetch, as EventSource would see the wire. */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const queue: ServerSentEvent[] = [];
  let buffer = '';
  let done = !reader;
  let retryMs: number | null = null;

  const parse = (block: string): ServerSentEvent | null => {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (data.length === 0) return null;
    const text = data.join('\n');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { event, id, data: parsed };
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
    buffer += decoder.decode(chunk.value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const event = parse(buffer.slice(0, boundary));
      if (event) queue.push(event);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
    }
  };

  const stream: EventStream = {
    status: response.status,
    headers: response.headers,
    get retryMs() {
      return retryMs;
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

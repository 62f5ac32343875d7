import type { JobFeedEvent } from '@jobs/contracts';
import { JobsApiError } from './errors.js';
import { EventStreamParser } from './event-stream.js';
import { sleep } from './sleep.js';

/** The feed's events; others a newer server might add are skipped. */
const FEED_EVENTS: ReadonlySet<string> = new Set<JobFeedEvent['event']>(['created', 'changed', 'resync']);

/** Until the server says otherwise (`retry:`), as EventSource waits. */
const DEFAULT_RECONNECT_DELAY_MS = 1000;

export interface FeedOptions {
  signal?: AbortSignal;
  /** Failed connection attempts in a row before giving up. Default: keep trying, as EventSource does. */
  maxReconnects?: number;
}

/**
 * The events of a feed opened by `connect` (which answers the response, or throws the problem
 * refusing it), reconnecting whenever it drops after the server's `retry:` delay (or a longer
 * `Retry-After`), as EventSource would. The server starts every connection with a `resync` event once
 * it listens: fetch the view then (not before), and again at every later `resync` — after a
 * reconnection whatever happened meanwhile went unheard. A refusal that waiting cannot fix (401, 403, 400) ends it with that error;
 * `signal` ends it with the signal's reason.
 */
export async function* followFeed(connect: (signal: AbortSignal) => Promise<Response>, options: FeedOptions = {}): AsyncGenerator<JobFeedEvent, void, undefined> {
  const maxReconnects = options.maxReconnects ?? Number.POSITIVE_INFINITY;
  let retryMs = DEFAULT_RECONNECT_DELAY_MS;
  let failures = 0;
  let lastFailure: unknown = new Error('the server ended the feed');
  for (;;) {
    const connection = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, connection.signal]) : connection.signal;
    // Each connection parses afresh (a half-received event of a dropped one is discarded), keeping the delay it was told.
    const parser = new EventStreamParser();
    parser.retryMs = retryMs;
    let waitMs = 0;
    try {
      const response = await connect(signal);
      failures = 0;
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
        for (const raw of parser.feed(decoder.decode(chunk.value, { stream: true }))) {
          if (FEED_EVENTS.has(raw.event)) yield { event: raw.event, data: JSON.parse(raw.data) as unknown } as JobFeedEvent;
        }
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error instanceof JobsApiError && !error.retryable) throw error;
      if (error instanceof JobsApiError) waitMs = (error.retryAfterSeconds ?? 0) * 1000;
      failures += 1;
      lastFailure = error;
    } finally {
      connection.abort();
      retryMs = parser.retryMs ?? retryMs;
    }
    if (failures > maxReconnects) throw new Error(`the jobs feed could not reconnect after ${failures} attempts`, { cause: lastFailure });
    await sleep(Math.max(retryMs, waitMs), options.signal);
  }
}

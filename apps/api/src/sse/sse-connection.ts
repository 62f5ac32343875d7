import type { Response } from 'express';

/** The reconnection delay every stream asks for (`retry:`): after a drop, or when this API process stops. */
export const RECONNECT_DELAY_MS = 1000;

/**
 * Bytes a client may leave unread before it is cut off. A client that reads slower than its events
 * come would otherwise hold them all in this process's memory; cut off, it reconnects after
 * `retry:` and catches up the way any reconnecting client does (a job stream resumes, a feed refetches).
 */
export const MAX_UNREAD_BYTES = 1024 * 1024;

export interface SseConnectionOptions {
  /** Seconds between heartbeats, which keep proxies from closing a quiet stream. */
  heartbeatSeconds: number;
  /** A `ping` event (`{ at }`), or a comment line, which EventSource and typed clients skip. */
  heartbeat: 'ping-event' | 'comment';
  /** Told when a client was cut off for reading too slowly. */
  onSlowClient: () => void;
}

/** One client's `text/event-stream` response: its headers and `retry:`, heartbeats, events, and its end. */
export class SseConnection {
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly response: Response,
    private readonly options: SseConnectionOptions,
  ) {
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write(`retry: ${RECONNECT_DELAY_MS}\n\n`);
    this.heartbeat = setInterval(() => {
      if (options.heartbeat === 'ping-event') this.send('ping', { at: new Date().toISOString() });
      else this.writeRaw(': ping\n\n');
    }, options.heartbeatSeconds * 1000);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `cleanup` when the connection ends, whoever ends it. */
  onClose(cleanup: () => void): void {
    if (this.closed) cleanup();
    else this.cleanups.push(cleanup);
  }

  send(event: string, data: unknown, id?: string): void {
    this.writeRaw(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends the response: the client reconnects after `retry:`. */
  close(): void {
    if (this.finish()) this.response.end();
  }

  private writeRaw(text: string): void {
    if (this.closed) return;
    if (this.response.writableLength > MAX_UNREAD_BYTES) {
      // What it has not read is dropped with the connection, instead of being held for it.
      if (this.finish()) this.response.destroy();
      this.options.onSlowClient();
      return;
    }
    this.response.write(text);
  }

  /** Marks the connection closed and runs its cleanups; false when it was closed already. */
  private finish(): boolean {
    if (this.closed) return false;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    return true;
  }
}

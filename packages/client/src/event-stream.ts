/** One Server-Sent Event as read off the wire, its data still text. */
export interface RawServerSentEvent {
  event: string;
  id: string | null;
  data: string;
}

/**
 * An incremental `text/event-stream` parser (the WHATWG algorithm's field rules): feed it chunks
 * as they arrive, get complete events back. Remembers the last event id and the `retry` delay, which
 * a reconnecting client needs.
 */
export class EventStreamParser {
  lastEventId: string | null = null;
  retryMs: number | null = null;
  private buffer = '';

  feed(chunk: string): RawServerSentEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: RawServerSentEvent[] = [];
    let boundary = this.buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const event = this.parseBlock(this.buffer.slice(0, boundary));
      if (event) events.push(event);
      this.buffer = this.buffer.slice(boundary + 2);
      boundary = this.buffer.indexOf('\n\n');
    }
    return events;
  }

  private parseBlock(block: string): RawServerSentEvent | null {
    let event = 'message';
    const data: string[] = [];
    let id: string | null = null;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id' && !value.includes('\0')) id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    }
    if (id !== null) this.lastEventId = id;
    if (data.length === 0) return null;
    return { event, id, data: data.join('\n') };
  }
}

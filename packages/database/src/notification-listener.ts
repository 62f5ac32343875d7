import { EventEmitter } from 'node:events';
import pg from 'pg';

export interface NotificationListenerOptions {
  url: string;
  channels: string[];
  log?: (message: string) => void;
  /** Runs on each new session, before it is in use: for work bound to the session itself (a worker registers through it). */
  onConnect?: (session: pg.ClientBase) => Promise<void>;
}

interface ListenerEvents {
  notification: [channel: string, payload: string];
  /** The connection came back after a loss: notifications sent meanwhile were missed. */
  reconnected: [];
}

const MAX_BACKOFF_MS = 5_000;

/**
 * One dedicated connection that LISTENs on some channels and emits what arrives. It reconnects by
 * itself with backoff, and says so (`reconnected`) so consumers can catch up on what they missed.
 */
export class NotificationListener extends EventEmitter<ListenerEvents> {
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoffMs = 100;

  constructor(private readonly options: NotificationListenerOptions) {
    super();
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** Runs a statement on the listening session itself; fails while it is down. */
  async query(text: string, values: unknown[] = []): Promise<void> {
    if (!this.client) throw new Error('the listener connection is down');
    await this.client.query(text, values);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true, application_name: 'jobs-listener' });
    client.on('notification', (message) => {
      if (message.payload !== undefined) this.emit('notification', message.channel, message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    try {
      for (const channel of this.options.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      await this.options.onConnect?.(client);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.backoffMs = 100;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    this.options.log?.(`listener connection lost (${error.message}); reconnecting`);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => this.emit('reconnected'),
        (error: unknown) => {
          this.options.log?.(`listener reconnect failed: ${error instanceof Error ? error.message : String(error)}`);
          this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
          if (!this.stopped) this.scheduleReconnect();
        },
      );
    }, this.backoffMs);
  }
}

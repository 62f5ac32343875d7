import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the API that can cut every open connection (a real drop: the client sees
 * its socket close mid-stream) and hold new ones unanswered until released, so a test decides how
 * long a reconnecting client stays away. It keeps each request's head to show what the client sent; only for bodiless requests (GET).
 */
export class DroppingProxy {
  /** The head (request line and headers) of every request that reached the API, in order. */
  readonly requests: string[] = [];
  private readonly open = new Set<Socket>();
  private readonly waiting: Socket[] = [];
  private holding = false;
  private server: Server | null = null;

  private constructor(private readonly target: URL) {}

  static async start(targetUrl: string): Promise<DroppingProxy> {
    const proxy = new DroppingProxy(new URL(targetUrl));
    proxy.server = createServer((client) => (proxy.holding ? proxy.waiting.push(client) : proxy.forward(client)));
    await new Promise<void>((resolve) => proxy.server?.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('the proxy is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The `Last-Event-ID` each request carried (null without one). */
  get lastEventIds(): (string | null)[] {
    return this.requests.map((head) => /^last-event-id:[ \t]*(.*)$/im.exec(head)?.[1]?.trim() ?? null);
  }

  /** Destroys every open connection, both ways, and holds the next ones until {@link release}. */
  dropAndHold(): void {
    this.holding = true;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  release(): void {
    this.holding = false;
    for (const client of this.waiting.splice(0)) this.forward(client);
  }

  async stop(): Promise<void> {
    for (const socket of [...this.open, ...this.waiting]) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private forward(client: Socket): void {
    if (client.destroyed) return;
    const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port) });
    // Only bodiless GETs pass here, so every blank line ends a request head (one connection may carry several).
    let unread = '';
    client.on('data', (chunk: Buffer) => {
      unread += chunk.toString('latin1');
      for (let end = unread.indexOf('\r\n\r\n'); end >= 0; end = unread.indexOf('\r\n\r\n')) {
        this.requests.push(unread.slice(0, end));
        unread = unread.slice(end + 4);
      }
    });
    client.pipe(upstream).pipe(client);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(socket);
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.open.delete(socket);
        other.destroy();
      });
    }
  }
}

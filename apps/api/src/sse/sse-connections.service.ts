import { MetricsService } from '@jobs/runtime';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiEnvironment } from '../config/api-environment.js';
import { SseConnection, type SseConnectionOptions } from './sse-connection.js';

/**
 * Every Server-Sent Events connection of this API process, job streams and feeds alike: each opened
 * with the same headers, `retry:` and heartbeat interval (`SSE_PING_SECONDS`), each ended when its
 * client goes, and all ended when the process stops.
 */
@Injectable()
export class SseConnections implements OnModuleDestroy {
  private readonly logger = new Logger('SseConnections');
  private readonly open = new Set<SseConnection>();

  constructor(
    private readonly env: ApiEnvironment,
    private readonly metrics: MetricsService,
  ) {}

  get count(): number {
    return this.open.size;
  }

  /** Starts the response as an event stream; `name` says what it streams, for the log, and `stream` which kind, for the metrics. */
  start(request: Request, response: Response, stream: 'job' | 'feed', name: string, heartbeat: SseConnectionOptions['heartbeat']): SseConnection {
    const connection = new SseConnection(response, {
      heartbeatSeconds: this.env.SSE_PING_SECONDS,
      heartbeat,
      onSlowClient: () => this.logger.warn(`${name}: the client left too much unread; cut off (it reconnects and catches up)`),
    });
    this.open.add(connection);
    this.metrics.eventStreamsOpen.inc({ stream });
    connection.onClose(() => {
      this.open.delete(connection);
      this.metrics.eventStreamsOpen.dec({ stream });
    });
    request.on('close', () => connection.close());
    return connection;
  }

  /** Ends every stream, so a stopping API is not held up by long-lived connections; clients reconnect (to another replica) after `retry:`. */
  onModuleDestroy(): void {
    for (const connection of [...this.open]) connection.close();
  }
}

import { createServer, type Server } from 'node:http';
import { MetricsService, PlatformHealthIndicators } from '@jobs/runtime';
import { HttpException, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { WorkerEnvironment } from '../config/worker-environment.js';

/**
 * The worker's small HTTP port for container probes and scrapes (WORKER_HTTP_PORT):
 * `/health/live`, `/health/ready` (database and queue reachable, not draining) and `/metrics`.
 */
@Injectable()
export class WorkerHttpService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHttp');
  private server: Server | null = null;
  private draining = false;

  constructor(
    private readonly env: WorkerEnvironment,
    private readonly health: HealthCheckService,
    private readonly platform: PlatformHealthIndicators,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.WORKER_HTTP_PORT === undefined) return;
    this.server = createServer((request, response) => {
      void this.answer(request.method ?? 'GET', request.url ?? '/')
        .catch((error: unknown) => ({ status: 500, type: 'application/json', body: JSON.stringify({ status: 'error', message: String(error) }) }))
        .then(({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.env.WORKER_HTTP_PORT, this.env.WORKER_HTTP_HOST, resolve));
    this.logger.log(`probes and metrics on http://${this.env.WORKER_HTTP_HOST}:${this.env.WORKER_HTTP_PORT}`);
  }

  /** Draining: readiness fails from here on, so orchestrators stop counting on this worker. */
  onModuleDestroy(): void {
    this.draining = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(method: string, url: string): Promise<{ status: number; type: string; body: string }> {
    const json = (status: number, body: object) => ({ status, type: 'application/json', body: JSON.stringify(body) });
    if (method !== 'GET') return json(405, { status: 'method not allowed' });
    switch (url.split('?')[0]) {
      case '/health/live':
        return json(200, { status: 'ok' });
      case '/health/ready':
        if (this.draining) return json(503, { status: 'draining' });
        try {
          return json(200, await this.health.check([() => this.platform.database(), () => this.platform.queue()]));
        } catch (error) {
          if (error instanceof HttpException) return json(error.getStatus(), error.getResponse() as object);
          throw error;
        }
      case '/metrics':
        return { status: 200, type: this.metrics.contentType, body: await this.metrics.render() };
      default:
        return json(404, { status: 'not found' });
    }
  }
}

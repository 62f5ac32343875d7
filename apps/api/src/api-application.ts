import { isProbeOrScrape, MetricsService } from '@jobs/runtime';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { traceServerRequests } from '@jobs/tracing';
import type { Request } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { ApiEnvironment } from './config/api-environment.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { jsonBody } from './problems/json-body.middleware.js';
import { createValidationPipe } from './problems/validation.js';
import { routePatternOf } from './requests/route-pattern.js';

/**
 * The API application, set up but not started: what `main.ts` serves, and what the OpenAPI export
 * documents without connecting anywhere (providers connect in their init hooks, not on creation).
 */
export async function createApiApplication(env: ApiEnvironment, options: { traceRequests: boolean } = { traceRequests: false }): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env), { bodyParser: false, bufferLogs: true });
  // First, so the span covers the whole request. Not registered at all when tracing is off.
  if (options.traceRequests) {
    app.use(traceServerRequests({ routeOf: (request) => routePatternOf(request as Request), ignore: (request) => isProbeOrScrape(request.url) }));
  }
  app.use(httpMetrics(app.get(MetricsService)));
  // Not upgrade-insecure-requests: over plain HTTP on any host but localhost (compose's default) it
  // makes browsers fetch /docs' scripts over HTTPS, and the page stays blank.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (env.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: env.CORS_ORIGINS.includes('*') ? true : env.CORS_ORIGINS,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'X-Request-Id', 'traceparent', 'tracestate', 'baggage'],
      exposedHeaders: ['Location', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  app.use(jsonBody(env.BODY_LIMIT_BYTES));
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  return app;
}

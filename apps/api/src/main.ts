import 'reflect-metadata';
import { EnvironmentError, exitOnSignals, loadEnvironment, MetricsService } from '@jobs/runtime';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { jwtVerificationSettings } from './auth/jwt-settings.js';
import { ApiEnvironment, apiEnvironmentProblems } from './config/api-environment.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { jsonBody } from './problems/json-body.middleware.js';
import { createValidationPipe } from './problems/validation.js';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment(ApiEnvironment, process.env, apiEnvironmentProblems);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env), { bodyParser: false });
  app.use(httpMetrics(app.get(MetricsService)));
  app.use(helmet());
  if (env.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: env.CORS_ORIGINS.includes('*') ? true : env.CORS_ORIGINS,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
      exposedHeaders: ['Location', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  app.use(jsonBody(env.BODY_LIMIT_BYTES));
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  exitOnSignals(app, 'Api');
  if (jwtVerificationSettings(env).usesDevelopmentSecret) {
    Logger.warn('JWT_SECRET is not set: using the development secret (refused in production)', 'Auth');
  }
  await app.listen(env.PORT, env.HOST);
  Logger.log(`API listening on ${await app.getUrl()}`, 'Api');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});

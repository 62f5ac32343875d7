import 'reflect-metadata';
import { EnvironmentError, exitOnSignals, loadEnvironment } from '@jobs/runtime';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerEnvironment } from './config/worker-environment.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment(WorkerEnvironment);
  const app = await NestFactory.createApplicationContext(await WorkerModule.register(env), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // SIGTERM/SIGINT: stop fetching, let running jobs finish (pg-boss graceful stop), then exit 0.
  exitOnSignals(app, 'Worker');
  logger.log(`worker ${process.pid} started`, 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});

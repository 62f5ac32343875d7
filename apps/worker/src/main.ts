import 'reflect-metadata';
import { JOB_TYPES } from '@jobs/dto';
import { EnvironmentError, exitOnSignals, loadEnvironment } from '@jobs/runtime';
import { startTracing } from '@jobs/tracing';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerEnvironment } from './config/worker-environment.js';
import { retentionProblems } from './retention/retention-settings.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment(WorkerEnvironment, process.env, (loaded) =>
    retentionProblems(loaded.JOB_RETENTION_BY_TYPE, JOB_TYPES.map((definition) => definition.name)),
  );
  const tracing = startTracing('jobs-worker');
  const app = await NestFactory.createApplicationContext(await WorkerModule.register(env), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // SIGTERM/SIGINT: stop fetching, let running jobs finish (pg-boss graceful stop), then exit 0.
  exitOnSignals(
    {
      close: async () => {
        await app.close();
        await tracing.shutdown();
      },
    },
    'Worker',
  );
  logger.log(`worker ${process.pid} started`, 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});

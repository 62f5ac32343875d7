import 'reflect-metadata';
import type { Server } from 'node:http';
import { EnvironmentError, exitOnSignals, loadEnvironment } from '@jobs/runtime';
import { startTracing } from '@jobs/tracing';
import { Logger } from 'nestjs-pino';
import { createApiApplication } from './api-application.js';
import { jwtVerificationSettings } from './auth/jwt-settings.js';
import { ApiEnvironment, apiEnvironmentProblems } from './config/api-environment.js';
import { createOpenApiDocument, serveOpenApi } from './openapi/openapi.js';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment(ApiEnvironment, process.env, apiEnvironmentProblems);
  const tracing = startTracing('jobs-api');
  const app = await createApiApplication(env, { traceRequests: tracing.enabled });
  const logger = app.get(Logger);
  app.useLogger(logger);
  serveOpenApi(app, createOpenApiDocument(app));
  // Stop accepting connections first; open streams end in the shutdown hooks, then the process exits.
  exitOnSignals(
    {
      close: async () => {
        stopAccepting(app.getHttpServer());
        await app.close();
        await tracing.shutdown();
      },
    },
    'Api',
  );
  const jwtSettings = jwtVerificationSettings(env);
  if (jwtSettings.usesDevelopmentSecret) {
    logger.warn('JWT_SECRET is not set: using the development secret (refused in production)', 'Auth');
  }
  if (jwtSettings.jwksUrl !== null) {
    const { subjectClaim, orgClaim, rolesClaim, adminRole } = jwtSettings.claims;
    logger.log(
      `verifying ${jwtSettings.algorithms.join('/')} tokens (RS256/ES256 with the key set at ${jwtSettings.jwksUrl}); subject from ${subjectClaim}, org from ${orgClaim}, roles from ${rolesClaim}, admin role ${adminRole}`,
      'Auth',
    );
  }
  await app.listen(env.PORT, env.HOST);
  logger.log(`API listening on ${await app.getUrl()}`, 'Api');
}

/** Refuses new connections and closes idle keep-alive ones; busy ones finish their response first. */
function stopAccepting(server: Server): void {
  server.close();
  server.closeIdleConnections();
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof EnvironmentError ? error.message : error);
  process.exit(1);
});

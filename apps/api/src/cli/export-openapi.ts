import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnvironment } from '@jobs/runtime';
import { createApiApplication } from '../api-application.js';
import { ApiEnvironment } from '../config/api-environment.js';
import { createOpenApiDocument } from '../openapi/openapi.js';

/** Where the committed document lives; a test fails when it differs from what the API serves. */
const DEFAULT_OUTPUT = new URL('../../openapi.json', import.meta.url);

async function main(): Promise<void> {
  // The document depends on no setting but the job catalog: diagnostics stay off, as in production.
  const env = loadEnvironment(ApiEnvironment, { DATABASE_URL: 'postgresql://openapi-export@localhost/unused', LOG_LEVEL: 'silent', LOG_FORMAT: 'json' });
  const app = await createApiApplication(env);
  const output = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTPUT;
  // Two-space JSON with a final newline, as committed.
  writeFileSync(output, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  console.log(`wrote ${output instanceof URL ? output.pathname : output}`);
}

await main();

import { readFileSync } from 'node:fs';
import { ErrorCode } from '@jobs/contracts';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemSchema } from './api-problems.decorator.js';

export const OPENAPI_JSON_PATH = 'openapi.json';
export const OPENAPI_UI_PATH = 'docs';

/** Problems any authenticated route can answer with, whatever it does. */
const AUTHENTICATED_ROUTE_PROBLEMS: ReadonlyArray<[status: string, code: ErrorCode, description: string]> = [
  ['401', ErrorCode.UNAUTHORIZED, 'Missing, malformed, expired or wrongly signed bearer token'],
  ['429', ErrorCode.RATE_LIMITED, 'Too many requests for this token; retry after `Retry-After` seconds'],
  ['500', ErrorCode.INTERNAL_ERROR, 'An unexpected error'],
  ['503', ErrorCode.SERVICE_UNAVAILABLE, 'The database is unreachable; retry after `Retry-After` seconds'],
];

const DESCRIPTION = `Submit jobs and get \`202 Accepted\` at once; poll \`/v1/jobs/{id}/status\`, stream
\`/v1/jobs/{id}/stream\` (Server-Sent Events) or fetch \`/v1/jobs/{id}/result\`.

Every \`/v1\` route needs \`Authorization: Bearer <JWT>\`. Errors are RFC 9457 problem details
(\`application/problem+json\`) with a stable \`code\`.`;

/** The OpenAPI 3 document of the running application, the same one served at /openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const config = new DocumentBuilder()
    .setTitle('Jobs platform API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const operation of [operations.get, operations.post, operations.put, operations.patch, operations.delete]) {
      if (!operation) continue;
      operation.security = [{ bearer: [] }];
      for (const [status, code, description] of AUTHENTICATED_ROUTE_PROBLEMS) {
        operation.responses[status] ??= {
          description: `Problem: \`${code}\` — ${description}`,
          content: { 'application/problem+json': { schema: problemSchema([code]) } },
        };
      }
    }
  }
  return document;
}

/** Serves the document at /openapi.json and a browsable UI at /docs, outside /v1 and without auth. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Jobs platform API',
    swaggerOptions: { persistAuthorization: true },
  });
}

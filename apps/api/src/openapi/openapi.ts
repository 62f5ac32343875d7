import { readFileSync } from 'node:fs';
import { ErrorCode } from '@jobs/contracts';
import { JobCatalog } from '@jobs/dto';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DASHBOARD_DOCUMENT_PATHS } from '../dashboard/dashboard-openapi.js';
import { problemSchema } from './api-problems.decorator.js';
import { describeResults, resultModels } from './result-schemas.js';

export const OPENAPI_JSON_PATH = 'openapi.json';
export const OPENAPI_YAML_PATH = 'openapi.yaml';
export const OPENAPI_UI_PATH = 'docs';

/** Problems any authenticated route can answer with, whatever it does. */
const AUTHENTICATED_ROUTE_PROBLEMS: ReadonlyArray<[status: string, code: ErrorCode, description: string]> = [
  ['401', ErrorCode.UNAUTHORIZED, 'Missing, malformed, expired or wrongly signed bearer token'],
  ['429', ErrorCode.RATE_LIMITED, 'Too many requests for this token; retry after `Retry-After` seconds'],
  ['500', ErrorCode.INTERNAL_ERROR, 'An unexpected error'],
  ['503', ErrorCode.SERVICE_UNAVAILABLE, 'The database is unreachable; retry after `Retry-After` seconds'],
];

const DESCRIPTION = `Submit jobs and get \`202 Accepted\` at once; poll \`/v1/jobs/{id}/status\`, stream
\`/v1/jobs/{id}/stream\` (Server-Sent Events) or fetch \`/v1/jobs/{id}/result\`. \`/v1/jobs/events\` streams
the creation and every change of the jobs you can list, for live views.

Every \`/v1\` route needs \`Authorization: Bearer <JWT>\`. To try the routes here, press **Authorize**
and paste a token: for a local deployment, \`pnpm token --sub alice\` (add \`--role admin\` or \`--org acme\`)
prints one signed with the API's \`JWT_SECRET\`; where the API verifies tokens of an identity provider
(\`JWT_JWKS_URL\` or \`JWT_PUBLIC_KEY\`), sign in there and paste its access token. \`/\`, \`/docs\`, \`/problems\`, \`/health/*\`, \`/metrics\` and the web dashboard's files (\`/dashboard/\`, which signs in with a token
in the browser) need no token.

Errors are RFC 9457 problem details (\`application/problem+json\`) with a stable \`code\`.`;

/** The document itself and its browsable UI, served by SwaggerModule rather than a controller, described for completeness. */
const DOCUMENT_PATHS: OpenAPIObject['paths'] = {
  [`/${OPENAPI_UI_PATH}`]: {
    get: {
      operationId: 'OpenApi_ui',
      summary: 'This document in Swagger UI, to read and try the routes.',
      tags: ['operations'],
      responses: { '200': { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
  [`/${OPENAPI_JSON_PATH}`]: {
    get: {
      operationId: 'OpenApi_json',
      summary: 'This document, as JSON.',
      tags: ['operations'],
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'] } } } } },
    },
  },
  [`/${OPENAPI_YAML_PATH}`]: {
    get: {
      operationId: 'OpenApi_yaml',
      summary: 'This document, as YAML.',
      tags: ['operations'],
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'text/yaml': { schema: { type: 'string' } } } } },
    },
  },
};

/** The security scheme of EventSource clients, which cannot set headers: accepted on the stream routes only (a job's, the feed). */
export const QUERY_TOKEN_SCHEME = 'accessToken';

/**
 * The OpenAPI 3.1 document of the running application, the same one served at /openapi.json. 3.1,
 * because its schemas are JSON Schema: a nullable reference is `anyOf: [$ref, { type: 'null' }]`,
 * which validators and client generators read alike (3.0's `nullable` beside `allOf` they ignore).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const catalog = app.get(JobCatalog);
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Jobs platform API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    // Relative: the document is served by the API it describes, wherever that is deployed.
    .addServer('/')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'query', name: 'access_token', description: 'The bearer token, for EventSource clients' }, QUERY_TOKEN_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
    extraModels: resultModels(catalog),
  });
  describeResults(document.components?.schemas as Parameters<typeof describeResults>[0], catalog);
  Object.assign(document.paths, DOCUMENT_PATHS, DASHBOARD_DOCUMENT_PATHS);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of [operations.get, operations.post, operations.put, operations.patch, operations.delete]) {
      if (!operation) continue;
      if (!path.startsWith('/v1/')) {
        operation.security = [];
        continue;
      }
      // The stream routes declare their own alternatives (a header or the query token).
      operation.security ??= [{ bearer: [] }];
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
    yamlDocumentUrl: OPENAPI_YAML_PATH,
    customSiteTitle: 'Jobs platform API',
    swaggerOptions: { persistAuthorization: true },
  });
}

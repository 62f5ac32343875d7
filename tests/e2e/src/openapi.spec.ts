import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jobs/contracts';
import { mintToken, ResponseValidator, startStack, type TestStack } from '@jobs/testing';
import { Validator } from '@seriousme/openapi-schema-validator';

const COMMITTED = fileURLToPath(new URL('../../../apps/api/openapi.json', import.meta.url));

interface MediaType {
  schema: Schema;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; style?: string; explode?: boolean; schema: Schema }>;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}

interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  example?: unknown;
  const?: unknown;
  enum?: unknown[];
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Document {
  openapi: string;
  info: { description: string };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
}

/** Every schema object in the document, with where it is. */
function* schemasOf(node: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return;
  if (!Array.isArray(node)) yield [path, node as Record<string, unknown>];
  for (const [key, child] of Object.entries(node)) yield* schemasOf(child, `${path}/${key}`);
}

const ref = (name: string): string => `#/components/schemas/${name}`;

describe('OpenAPI document and docs UI', () => {
  let stack: TestStack;
  let served: Document;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    const response = await stack.client.get<Document>('/openapi.json');
    expect(response.status).toBe(200);
    served = response.body;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the committed document: run `pnpm openapi:export` after changing the API', () => {
    const committed: unknown = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    expect(served).toEqual(committed);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const outcome = await validator.validate(served as unknown as Record<string, unknown>);
    expect(outcome.errors).toBeUndefined();
    expect(outcome.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('writes nullable values as JSON Schema does: a null type, never 3.0 `nullable`', () => {
    for (const [path, schema] of schemasOf(served)) expect({ path, nullable: schema['nullable'] }).toEqual({ path, nullable: undefined });
    const summary = served.components.schemas['JobSummary'];
    for (const [property, model] of [['progress', 'JobProgress'], ['error', 'JobError'], ['webhook', 'JobWebhook']] as const) {
      expect(summary?.properties?.[property]).toEqual({ anyOf: [{ $ref: ref(model) }, { type: 'null' }] });
      expect(summary?.required).toContain(property);
    }
    expect(summary?.properties?.['finishedAt']?.type).toEqual(['string', 'null']);
    // `result` is required on the whole job, null until it completes.
    const job = served.components.schemas['JobResponse'];
    expect(job?.allOf?.[1]?.required).toEqual(expect.arrayContaining(['payload', 'result']));
    expect(job?.allOf?.[2]?.oneOf?.[0]?.properties).toEqual({ resultType: { type: 'null' }, result: { type: 'null' } });
  });

  it('types counts, limits and attempts as integers', () => {
    const schemas = served.components.schemas;
    for (const property of ['priority', 'delaySeconds', 'maxAttempts', 'timeoutSeconds']) expect(schemas['CreateJobRequest']?.properties?.[property]?.type).toBe('integer');
    for (const property of ['priority', 'attempts', 'maxAttempts', 'timeoutSeconds']) expect(schemas['JobSummary']?.properties?.[property]?.type).toBe('integer');
    expect(schemas['JobSummary']?.properties?.['durationMs']?.type).toEqual(['integer', 'null']);
    expect(schemas['ProblemDetails']?.properties?.['status']?.type).toBe('integer');
    const list = served.paths['/v1/jobs']?.['get']?.parameters ?? [];
    for (const name of ['limit', 'offset']) expect(list.find((parameter) => parameter.name === name)?.schema.type).toBe('integer');
    // Stats: each type's counts have a shape, each status an integer.
    expect(schemas['JobStatsResponse']?.properties?.['byType']?.additionalProperties).toEqual({ $ref: ref('StatusCounts') });
    expect(schemas['StatusCounts']?.properties?.['byStatus']?.properties?.['PENDING']).toEqual({ type: 'integer', minimum: 0 });
  });

  it('describes each result type, whole and compact, tied to the resultType that names it', async () => {
    const { body: types } = await stack.client.withToken(mintToken({ sub: 'openapi' })).get<{ data: Array<{ resultType: string; hasCompactResult: boolean }> }>('/v1/job-types');
    expect(types.data.map((type) => type.resultType)).toEqual(['indicators', 'similar-domains', 'sample-report']);
    const jobVariants = served.components.schemas['JobResponse']?.allOf?.[2]?.oneOf ?? [];
    const resultVariants = served.components.schemas['ResultResponse']?.allOf?.[1]?.oneOf ?? [];
    for (const { resultType, hasCompactResult } of types.data) {
      const forJob = jobVariants.find((variant) => variant.properties?.['resultType']?.const === resultType);
      const whole = forJob?.properties?.['result']?.$ref ?? '';
      expect(served.components.schemas[whole.replace(ref(''), '')]?.type).toBe('object');
      const forResult = resultVariants.filter((variant) => variant.properties?.['type']?.const === resultType);
      expect(forResult.map((variant) => variant.properties?.['compact']?.const)).toEqual(hasCompactResult ? [false, true] : [false]);
      expect(forResult[0]?.properties?.['data']?.$ref).toBe(whole);
      if (hasCompactResult) expect(served.components.schemas[(forResult[1]?.properties?.['data']?.$ref ?? '').replace(ref(''), '')]?.type).toBe('object');
    }
    expect(served.components.schemas['IndicatorsResult']?.required).toEqual(expect.arrayContaining(['total', 'counts', 'indicators']));
    expect(served.components.schemas['SampleReportCompact']?.properties?.['elf']).toEqual({ anyOf: [{ $ref: ref('ElfFacts') }, { type: 'null' }] });
  });

  it('declares list filters as comma lists and dates as the strings the API parses', async () => {
    const client = stack.client.withToken(mintToken({ sub: 'openapi-dates' }));
    for (const [path, method] of [['/v1/jobs', 'get'], ['/v1/jobs', 'delete'], ['/v1/admin/jobs', 'delete']] as const) {
      const parameters = served.paths[path]?.[method]?.parameters ?? [];
      for (const name of ['type', 'status']) expect(parameters.find((parameter) => parameter.name === name)).toMatchObject({ style: 'form', explode: false, schema: { type: 'array' } });
      for (const parameter of parameters.filter((candidate) => /(From|To|Before)$/.test(candidate.name))) {
        expect(parameter.schema).toMatchObject({ type: 'string', pattern: expect.any(String) });
        expect(parameter.schema.format).toBeUndefined();
      }
    }
    const createdFrom = served.paths['/v1/jobs']?.['get']?.parameters?.find((parameter) => parameter.name === 'createdFrom')?.schema;
    const pattern = new RegExp(createdFrom?.pattern ?? '^$');
    // What the pattern admits the API takes, and what it refuses the API refuses.
    for (const value of ['2026-01-31', '2026-01-31T12:00:00Z', '2026-01-31T12:00:00.123+02:00', '1769860800000']) {
      expect(pattern.test(value)).toBe(true);
      expect((await client.get(`/v1/jobs?createdFrom=${encodeURIComponent(value)}&status=COMPLETED,FAILED`)).status).toBe(200);
    }
    for (const value of ['yesterday', '2026-01-31 12:00', '31/01/2026']) {
      expect(pattern.test(value)).toBe(false);
      expect((await client.get(`/v1/jobs?createdFrom=${encodeURIComponent(value)}`)).status).toBe(400);
    }
  });

  it('declares who may call what: bearer under /v1, the query token on the event streams only, nothing on public routes', () => {
    expect(served.servers).toEqual([{ url: '/' }]);
    expect(served.components.securitySchemes['accessToken']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'query', name: 'access_token' }));
    expect(served.info.description).toContain('pnpm token --sub alice');
    for (const [path, methods] of Object.entries(served.paths)) {
      for (const operation of Object.values(methods)) {
        if (path === '/v1/jobs/{id}/stream' || path === '/v1/jobs/events') expect(operation.security).toEqual([{ bearer: [] }, { accessToken: [] }]);
        else if (path.startsWith('/v1/')) expect(operation.security).toEqual([{ bearer: [] }]);
        else expect(operation.security).toEqual([]);
        expect((operation.parameters ?? []).map((parameter) => parameter.name)).not.toContain('access_token');
      }
    }
    for (const path of ['/health/live', '/health/ready', '/metrics', '/openapi.json']) expect(served.paths[path]?.['get']?.responses['200']?.content).toBeDefined();
    expect(served.paths['/health/ready']?.['get']?.responses['503']?.content?.['application/problem+json']).toBeDefined();
    expect(served.paths['/metrics']?.['get']?.responses['200']?.content?.['text/plain']).toBeDefined();
  });

  it('shows only requests the API accepts: each request example is submitted and accepted', async () => {
    const client = stack.client.withToken(mintToken({ sub: 'openapi-examples' }));
    let submitted = 0;
    for (const [path, methods] of Object.entries(served.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const media of Object.values(operation.requestBody?.content ?? {})) {
          const examples = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((example) => example.value)];
          for (const example of examples) {
            const response = await client.request(method.toUpperCase(), path, { body: example });
            expect({ path, example, status: response.status }).toEqual({ path, example, status: 202 });
            submitted += 1;
          }
        }
      }
    }
    expect(submitted).toBeGreaterThanOrEqual(4);
    expect(served.components.schemas['JobAcceptedResponse']?.properties?.['status']?.enum).toEqual(['PENDING']);
  });

  it('shows only responses the API could give: each response example matches its schema', () => {
    const validator = new ResponseValidator(served);
    let checked = 0;
    for (const [path, methods] of Object.entries(served.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [contentType, media] of Object.entries(response.content ?? {})) {
            const examples = [media.example, media.schema.example, ...Object.values(media.examples ?? {}).map((example) => example.value)].filter((example) => example !== undefined);
            for (const body of examples) {
              const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
              expect(validator.problems({ method, path: concrete, status: Number(status), contentType, body })).toEqual([]);
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('describes every route with a summary and problem responses', () => {
    const operations = Object.entries(served.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const { path, operation } of operations) {
      expect(operation.summary).toEqual(expect.any(String));
      if (!path.startsWith('/v1/')) continue;
      for (const status of ['401', '429', '500', '503']) expect(operation.responses[status]?.content?.['application/problem+json']).toBeDefined();
    }
    // Each problem response names its codes in its description: every code the API answers with is somewhere.
    const descriptions = operations.flatMap(({ operation }) => Object.values(operation.responses).map((response) => response.description ?? ''));
    const documentedCodes = new Set(descriptions.flatMap((description) => [...description.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1])));
    const unanswerable: string[] = [ErrorCode.METHOD_NOT_ALLOWED];
    for (const code of Object.values(ErrorCode).filter((code) => !unanswerable.includes(code))) expect(documentedCodes).toContain(code);
    for (const path of ['/v1/jobs/{id}/stream', '/v1/jobs/events']) expect(served.paths[path]?.['get']?.responses['200']?.content?.['text/event-stream']).toBeDefined();
  });

  it('serves the browsable UI at /docs and the YAML form without a token', async () => {
    // The UI is a web page, not an operation of the API: fetched as a browser would.
    const docs = await fetch(`${stack.api.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('swagger-ui');
    // Browsers would fetch the UI's scripts over HTTPS from an API served over plain HTTP.
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    const yaml = await stack.client.get<string>('/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.body).toContain('openapi: 3.1.0');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jobs/contracts';
import { startStack, type TestStack } from '@jobs/testing';
import { Validator } from '@seriousme/openapi-schema-validator';

const COMMITTED = fileURLToPath(new URL('../../../apps/api/openapi.json', import.meta.url));

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
}

describe('OpenAPI document and docs UI', () => {
  let stack: TestStack;
  let served: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    const response = await fetch(`${stack.api.url}/openapi.json`);
    expect(response.status).toBe(200);
    served = (await response.json()) as typeof served;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the committed document: run `pnpm openapi:export` after changing the API', () => {
    const committed: unknown = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    expect(served).toEqual(committed);
  });

  it('is a valid OpenAPI 3 document', async () => {
    const validator = new Validator();
    const outcome = await validator.validate(served);
    expect(outcome.errors).toBeUndefined();
    expect(outcome.valid).toBe(true);
    expect(validator.version).toMatch(/^3\./);
  });

  it('describes every route with a summary, bearer security under /v1 and problem responses', () => {
    const operations = Object.entries(served.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const { path, operation } of operations) {
      expect(operation.summary).toEqual(expect.any(String));
      if (!path.startsWith('/v1/')) continue;
      expect(operation.security).toEqual([{ bearer: [] }]);
      for (const status of ['401', '429', '500', '503']) expect(operation.responses[status]?.content?.['application/problem+json']).toBeDefined();
    }
    // Each problem response names its codes in its description: every code the API answers with is somewhere.
    const descriptions = operations.flatMap(({ operation }) => Object.values(operation.responses).map((response) => response.description ?? ''));
    const documentedCodes = new Set(descriptions.flatMap((description) => [...description.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1])));
    const unanswerable: string[] = [ErrorCode.METHOD_NOT_ALLOWED];
    for (const code of Object.values(ErrorCode).filter((code) => !unanswerable.includes(code))) expect(documentedCodes).toContain(code);
    expect(served.paths['/v1/jobs/{id}/stream']?.['get']?.responses['200']?.content?.['text/event-stream']).toBeDefined();
  });

  it('serves the browsable UI at /docs and the YAML form without a token', async () => {
    const docs = await fetch(`${stack.api.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('swagger-ui');
    // Browsers would fetch the UI's scripts over HTTPS from an API served over plain HTTP.
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    const yaml = await fetch(`${stack.api.url}/openapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toContain('openapi: 3.');
  });
});

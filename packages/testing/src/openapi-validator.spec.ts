import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient } from './api-client.js';
import { OpenApiMismatchError, type OpenApiDocument, ResponseValidator } from './openapi-validator.js';

/** A tiny API: one templated route and one literal route beside it, with a problem response. */
const DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/problem+json': { schema: { type: 'object', required: ['code'], properties: { code: { const: 'NOT_FOUND' } } } } } },
        },
      },
    },
    '/things/count': { get: { responses: { '200': { content: { 'text/plain': { schema: { type: 'string', pattern: '^\\d+$' } } } } } } },
    '/things/{id}/touch': { post: { responses: { '204': {} } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'size', 'owner'],
        properties: { id: { type: 'string', format: 'uuid' }, size: { type: 'integer' }, owner: { oneOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'null' }] } },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      ProblemDetails: { type: 'object', required: ['status', 'code'], properties: { status: { type: 'integer' }, code: { type: 'string' } } },
    },
  },
};

const ID = '0b7f5c1e-8d2a-4c4e-9a1b-2f3d4e5f6a7b';

/** What the tiny server answers on each path: status, content type, body. */
const ANSWERS: Record<string, [number, string | null, string]> = {
  [`/things/${ID}`]: [200, 'application/json; charset=utf-8', JSON.stringify({ id: ID, size: 3, owner: null })],
  '/things/wrong-body': [200, 'application/json', JSON.stringify({ id: 'not-a-uuid', size: 2.5, owner: { name: 7 } })],
  '/things/missing': [404, 'application/problem+json', JSON.stringify({ code: 'NOT_FOUND' })],
  '/things/teapot': [418, 'application/json', '{}'],
  '/things/html': [200, 'text/html', '<p>hello</p>'],
  '/things/count': [200, 'text/plain; version=0.0.4', '42'],
  [`/things/${ID}/touch`]: [204, null, ''],
  '/elsewhere': [200, 'application/json', '{}'],
  '/gone': [404, 'application/problem+json', JSON.stringify({ status: 404, code: 'NOT_FOUND' })],
  '/gone-as-html': [404, 'text/html', '<h1>Not Found</h1>'],
  '/gone-without-code': [404, 'application/problem+json', JSON.stringify({ status: 404 })],
};

describe('ResponseValidator against a served document', () => {
  let server: Server;
  let client: ApiClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/openapi.json') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(DOCUMENT));
        return;
      }
      const [status, type, body] = ANSWERS[request.url ?? ''] ?? [500, 'text/plain', 'unexpected'];
      response.writeHead(status, type ? { 'content-type': type } : {}).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes responses the document describes, a null in place of a nullable reference and an empty 204 included', async () => {
    await expect(client.get(`/things/${ID}`)).resolves.toMatchObject({ status: 200, body: { size: 3 } });
    await expect(client.get('/things/missing')).resolves.toMatchObject({ status: 404 });
    // The literal path wins over the template, and media type parameters are not part of the type.
    await expect(client.get('/things/count')).resolves.toMatchObject({ status: 200, body: '42' });
    await expect(client.post(`/things/${ID}/touch`)).resolves.toMatchObject({ status: 204 });
  });

  it('fails a wrong body, naming the request, the status and each schema error', async () => {
    const failure = client.get('/things/wrong-body');
    await expect(failure).rejects.toThrow(OpenApiMismatchError);
    await expect(failure).rejects.toThrow(/GET \/things\/wrong-body → 200/);
    await expect(failure).rejects.toThrow(/\/id must match format "uuid"/);
    await expect(failure).rejects.toThrow(/\/size must be integer/);
    await expect(failure).rejects.toThrow(/\/owner\/name must be string/);
  });

  it('fails an undocumented status', async () => {
    await expect(client.get('/things/teapot')).rejects.toThrow(/status 418 is not documented for GET \/things\/\{id\} \(documented: 200, 404\)/);
  });

  it('fails an undocumented content type', async () => {
    await expect(client.get('/things/html')).rejects.toThrow(/content type text\/html is not documented for 200 \(documented: application\/json\)/);
  });

  it('passes only problem documents for paths and methods the document does not have', async () => {
    await expect(client.get('/gone')).resolves.toMatchObject({ status: 404 });
    await expect(client.get('/elsewhere')).rejects.toThrow(/no path of the document matches \/elsewhere, yet the API answered 200/);
    await expect(client.post('/things/count')).rejects.toThrow(/\/things\/count documents no POST/);
    await expect(client.get('/gone-as-html')).rejects.toThrow(/must be application\/problem\+json, not text\/html/);
    await expect(client.get('/gone-without-code')).rejects.toThrow(/must have required property 'code'/);
  });

  it('checks nothing when told the traffic is not the API', async () => {
    await expect(client.withoutValidation().get('/things/teapot')).resolves.toMatchObject({ status: 418 });
  });

  it('checks a value against a named schema', () => {
    const validator = new ResponseValidator(DOCUMENT);
    expect(validator.schemaProblems('Thing', { id: ID, size: 1, owner: { name: 'alice' } })).toEqual([]);
    expect(validator.schemaProblems('Thing', { id: ID, size: 1 })).toEqual([expect.stringContaining("must have required property 'owner'")]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiIndex, ERROR_CODES, ErrorCode, type ProblemDetails, problemType } from '@jobs/contracts';
import { type ApiClient, type ApiResponse, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const RATE_LIMIT_PER_MINUTE = 25;
const BODY_LIMIT_BYTES = 16 * 1024;

/** The page's text as a reader sees it: no tags, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');
}

describe('problem pages, unknown paths and the API index', () => {
  let stack: TestStack;
  let anonymous: ApiClient;
  let user: ApiClient;

  beforeAll(async () => {
    stack = await startStack({
      workers: 0,
      apiEnv: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE), BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) },
    });
    anonymous = stack.client;
    user = stack.client.withToken(mintToken({ sub: uniqueSubject('problems') }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Fetches a problem's `type`, resolved against the URL that answered with it, as a browser would. */
  async function followType(problem: ProblemDetails, answeredPath: string): Promise<{ status: number; contentType: string; text: string }> {
    const response = await fetch(new URL(problem.type, `${stack.api.url}${answeredPath}`));
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: visibleText(await response.text()) };
  }

  function expectNotFoundProblem(response: ApiResponse, method: string, path: string): void {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toEqual({
      type: problemType(ErrorCode.NOT_FOUND),
      title: 'Not Found',
      status: 404,
      detail: `No route ${method} ${path.split('?')[0]}.`,
      code: ErrorCode.NOT_FOUND,
      instance: path,
    });
  }

  it('has a public HTML page for every code in the table, naming the code, its status and its meaning', async () => {
    const codes = Object.keys(ERROR_CODES) as ErrorCode[];
    expect(codes.sort()).toEqual(Object.values(ErrorCode).sort());
    for (const code of codes) {
      const { status, meaning } = ERROR_CODES[code];
      const response = await anonymous.get<string>(problemType(code));
      expect({ code, status: response.status, contentType: response.headers.get('content-type') }).toEqual({
        code,
        status: 200,
        contentType: 'text/html; charset=utf-8',
      });
      const text = visibleText(response.body);
      expect(text).toContain(code);
      expect(text).toMatch(new RegExp(`HTTP status ${status} [A-Z]`));
      expect(text).toContain(meaning.replace(/`/g, ''));
    }
  });

  it('lists every code on /problems, linking each to its page', async () => {
    const response = await anonymous.get<string>('/problems');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const links = [...response.body.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    for (const code of Object.values(ErrorCode)) expect(links).toContain(problemType(code));
  });

  it('answers an unknown problem type with a NOT_FOUND problem', async () => {
    const response = await anonymous.get<ProblemDetails>('/problems/no-such-code');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: ErrorCode.NOT_FOUND, type: problemType(ErrorCode.NOT_FOUND), instance: '/problems/no-such-code' });
  });

  it('gives every problem it answers with a type that resolves to the page about its code', async () => {
    const emitted: Array<{ path: string; response: ApiResponse<ProblemDetails> }> = [];
    const record = async (path: string, send: (path: string) => Promise<ApiResponse<ProblemDetails>>): Promise<ProblemDetails> => {
      const response = await send(path);
      emitted.push({ path, response });
      return response.body;
    };
    const submit = (body: unknown, headers: Record<string, string> = {}) => user.post<ProblemDetails>('/v1/jobs', body, { headers });

    await record('/v1/jobs', (path) => user.post(path, undefined, { rawBody: '{"type":', headers: { 'content-type': 'application/json' } }));
    await record('/v1/jobs', (path) => user.post(path, undefined, { rawBody: 'type=x', headers: { 'content-type': 'text/plain' } }));
    await record('/v1/jobs', (path) => user.post(path, { type: 'text.indicators', payload: { text: 'x'.repeat(BODY_LIMIT_BYTES) } }));
    await record('/v1/jobs', (path) => user.post(path, { type: 'text.indicators', payload: { text: 42 } }));
    await record('/v1/jobs', (path) => user.post(path, { type: 'video.transcode', payload: {} }));
    await record('/v1/jobs?cursor=not-a-cursor', (path) => user.get(path));
    await record('/v1/jobs', (path) => anonymous.get(path));
    await record('/v1/admin/jobs?createdBefore=2020-01-01', (path) => user.request('DELETE', path));
    await record(`/v1/jobs/${randomUUID()}`, (path) => user.get(path));
    await record(`/v1/results/${randomUUID()}`, (path) => user.get(path));
    await record(`/v1/schedules/${randomUUID()}`, (path) => user.get(path));
    await record('/nope', (path) => anonymous.get(path));

    // With no worker, a submitted job stays PENDING: no result yet, not retryable; cancelled, it is finished.
    const key = randomUUID();
    const accepted = await submit({ type: 'text.indicators', payload: { text: 'see 203.0.113.7' } }, { 'idempotency-key': key });
    expect(accepted.status).toBe(202);
    const jobId = (accepted.body as unknown as { jobId: string }).jobId;
    await record('/v1/jobs', () => submit({ type: 'text.indicators', payload: { text: 'another body' } }, { 'idempotency-key': key }));
    await record(`/v1/jobs/${jobId}/result`, (path) => user.get(path));
    await record(`/v1/jobs/${jobId}/retry`, (path) => user.post(path));
    expect((await user.post(`/v1/jobs/${jobId}/cancel`)).status).toBe(200);
    await record(`/v1/jobs/${jobId}/cancel`, (path) => user.post(path));

    // A subject of its own spends the rate limit, so the requests above are not counted against it.
    const hasty = stack.client.withToken(mintToken({ sub: uniqueSubject('hasty') }));
    for (let sent = 0; sent <= RATE_LIMIT_PER_MINUTE; sent += 1) {
      const response = await hasty.get<ProblemDetails>('/v1/job-types');
      if (response.status === 429) {
        emitted.push({ path: '/v1/job-types', response });
        break;
      }
    }

    const emittedCodes = emitted.map(({ response }) => response.body.code);
    const unprovoked: ErrorCode[] = [ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.INTERNAL_ERROR];
    expect([...new Set(emittedCodes)].sort()).toEqual(Object.values(ErrorCode).filter((code) => !unprovoked.includes(code)).sort());
    for (const { path, response } of emitted) {
      const problem = response.body;
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect({ status: response.status, type: problem.type }).toEqual({ status: ERROR_CODES[problem.code].status, type: problemType(problem.code) });
      const page = await followType(problem, path);
      expect({ code: problem.code, status: page.status, contentType: page.contentType }).toEqual({ code: problem.code, status: 200, contentType: 'text/html; charset=utf-8' });
      expect(page.text).toContain(problem.code);
    }
  });

  it('answers GET / with where the documentation, the probes, the problem pages and the jobs are', async () => {
    const response = await anonymous.get<ApiIndex>('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body).toEqual({
      name: 'Jobs platform API',
      links: { docs: '/docs', openapi: '/openapi.json', health: '/health/ready', problems: '/problems', jobs: '/v1/jobs', dashboard: '/dashboard/' },
    });
    const { jobs, ...publicLinks } = response.body.links;
    // Readiness turns 200 once the API's listener is connected, which may follow its start by a moment.
    for (const link of Object.values(publicLinks)) await waitUntil(() => anonymous.get(link).then((answer) => answer.status), (status) => status === 200);
    expect((await anonymous.get(jobs)).status).toBe(401);
    expect((await user.get(jobs)).status).toBe(200);
  });

  it('answers unknown paths outside /v1 with NOT_FOUND problems, whatever the method, never HTML', async () => {
    const cases: Array<[method: string, path: string]> = [
      ['GET', '/nope'],
      ['GET', '/nope?x=1'],
      ['GET', '/v2/jobs'],
      ['GET', '/health/nope'],
      ['GET', '/problems/job-not-found/more'],
      ['POST', '/'],
      ['DELETE', '/'],
      ['PUT', '/health/live'],
      ['POST', '/problems'],
    ];
    for (const [method, path] of cases) expectNotFoundProblem(await anonymous.request(method, path), method, path);
    // A JSON body changes nothing: the route is what is missing.
    expectNotFoundProblem(await anonymous.post('/', { type: 'text.indicators', payload: { text: 'x' } }), 'POST', '/');
  });

  it('answers unknown /v1 routes as before: NOT_FOUND problems, without asking for a token', async () => {
    const cases: Array<[method: string, path: string]> = [
      ['GET', '/v1'],
      ['GET', '/v1/nope'],
      ['POST', '/v1/jobs/stats'],
      ['PUT', '/v1/jobs'],
    ];
    for (const [method, path] of cases) expectNotFoundProblem(await anonymous.request(method, path), method, path);
  });

  it('documents / and the problem pages in the OpenAPI document as public', async () => {
    const document = (await anonymous.get<{ paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }>> }>('/openapi.json')).body;
    const index = document.paths['/']?.['get'];
    expect(index?.security).toEqual([]);
    expect(index?.responses['200']?.content?.['application/json']).toBeDefined();
    for (const path of ['/problems', '/problems/{slug}']) {
      const operation = document.paths[path]?.['get'];
      expect(operation?.security).toEqual([]);
      expect(operation?.responses['200']?.content?.['text/html']).toBeDefined();
    }
    expect(document.paths['/problems/{slug}']?.['get']?.responses['404']?.content?.['application/problem+json']).toBeDefined();
  });
});

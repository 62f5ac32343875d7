import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ErrorCode, type ProblemDetails, problemType } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import pg from 'pg';

describe('bad input gets a clear 4xx problem and changes nothing', () => {
  let stack: TestStack;
  let client: ApiClient;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ workers: 0, apiEnv: { BODY_LIMIT_BYTES: String(64 * 1024) } });
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('validator') }));
    database = new pg.Client({ connectionString: stack.database.url });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  async function rowCounts(): Promise<{ jobs: number; queued: number }> {
    const { rows } = await database.query<{ jobs: number; queued: number }>(
      'SELECT (SELECT count(*) FROM jobs)::int AS jobs, (SELECT count(*) FROM pgboss.job)::int AS queued',
    );
    return rows[0] ?? { jobs: -1, queued: -1 };
  }

  async function expectProblem(
    send: () => Promise<{ status: number; headers: Headers; body: ProblemDetails }>,
    expected: { status: number; code: ErrorCode; errors?: ProblemDetails['errors']; detail?: RegExp },
  ): Promise<ProblemDetails> {
    const before = await rowCounts();
    const response = await send();
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect({ status: response.status, code: response.body.code }).toEqual({ status: expected.status, code: expected.code });
    expect(response.body).toMatchObject({ type: problemType(expected.code), title: expect.any(String), status: expected.status });
    if (expected.errors) expect(response.body.errors).toEqual(expected.errors);
    if (expected.detail) expect(response.body.detail).toMatch(expected.detail);
    expect(await rowCounts()).toEqual(before);
    return response.body;
  }

  it('refuses a NUL character (U+0000) anywhere in a query or a body, naming the field, which PostgreSQL could not store', async () => {
    const nul = (field: string) => ({ status: 400, code: 'VALIDATION_FAILED' as const, errors: [{ field, message: `${field} contains the NUL character (U+0000), which cannot be stored` }] });
    for (const query of ['type', 'resultType', 'errorCode', 'q']) {
      await expectProblem(() => client.get(`/v1/jobs?${query}=a%00b`), nul(query));
    }
    await expectProblem(() => client.get('/v1/schedules?type=%00'), nul('type'));
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 'a\u0000b' } }), nul('payload.text'));
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 'ab' }, metadata: { 'k\u0000': 'v' } }), nul('metadata'));
    await expectProblem(() => client.post('/v1/jobs/batch', { jobs: [{ type: 'text.indicators', payload: { text: 'ok' } }, { type: 'text.indicators', payload: { text: 'ok' }, metadata: { k: '\u0000' } }] }), nul('jobs[1].metadata.k'));
  });

  it('refuses malformed JSON', async () => {
    await expectProblem(() => client.post('/v1/jobs', undefined, { rawBody: '{"type": "text.indicators",', headers: { 'content-type': 'application/json' } }), {
      status: 400,
      code: 'MALFORMED_JSON',
      detail: /not valid JSON/,
    });
  });

  it('refuses a body that is not declared as JSON', async () => {
    await expectProblem(() => client.post('/v1/jobs', undefined, { rawBody: 'type=text.indicators', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expectProblem(() => client.post('/v1/jobs', undefined, { rawBody: '{}' }), { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a body over the limit with 413', async () => {
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 'x'.repeat(70 * 1024) } }), {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: /65536 bytes/,
    });
  });

  it('names the known types when the type is unknown', async () => {
    const problem = await expectProblem(() => client.post('/v1/jobs', { type: 'video.transcode', payload: {} }), {
      status: 400,
      code: 'UNKNOWN_JOB_TYPE',
      detail: /Unknown job type "video.transcode"\. Known types: text\.indicators, domain\.similar, sample\.analyze/,
    });
    expect(problem['knownTypes']).toEqual(['text.indicators', 'domain.similar', 'sample.analyze']);
  });

  it("validates the payload against the type's contract, field by field", async () => {
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 42, extra: true } }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: /payload is not valid for text.indicators/,
      errors: [
        { field: 'payload.extra', message: 'property payload.extra should not exist' },
        { field: 'payload.text', message: 'payload.text must be a string' },
      ],
    });
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: '' } }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'payload.text', message: 'payload.text must be longer than or equal to 1 characters' }],
    });
  });

  it('refuses unknown fields, wrong types and out-of-range options on the request itself', async () => {
    const problem = await expectProblem(
      () =>
        client.post('/v1/jobs', {
          type: 'text.indicators',
          payload: { text: 'ok' },
          priority: 1000,
          maxAttempts: 0,
          timeoutSeconds: 1.5,
          runAt: 'tomorrow',
          owner: 'someone-else',
        }),
      { status: 400, code: 'VALIDATION_FAILED' },
    );
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(['maxAttempts', 'owner', 'priority', 'runAt', 'timeoutSeconds']);
  });

  it('refuses runAt together with delaySeconds, and malformed metadata', async () => {
    await expectProblem(
      () => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 'ok' }, runAt: '2030-01-01T00:00:00Z', delaySeconds: 5 }),
      { status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'runAt', message: 'runAt and delaySeconds cannot both be given' }] },
    );
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 'ok' }, metadata: { nested: { deep: 1 } } }), {
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'metadata', message: 'metadata value of "nested" must be a string, a finite number or a boolean' }],
    });
    await expectProblem(() => client.post('/v1/jobs', { type: 'text.indicators', payload: [] }), { status: 400, code: 'VALIDATION_FAILED' });
    await expectProblem(() => client.post('/v1/jobs', [{ type: 'text.indicators' }]), { status: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers 400 for ids that are not UUIDs and 404 for unknown routes', async () => {
    await expectProblem(() => client.get('/v1/jobs/42'), {
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'id', message: 'id must be a UUID' }],
    });
    await expectProblem(() => client.get("/v1/results/'%20OR%201=1--/job"), {
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'resultId', message: 'resultId must be a UUID' }],
    });
    await expectProblem(() => client.get('/v1/nothing-here'), { status: 404, code: 'NOT_FOUND', detail: /No route GET \/v1\/nothing-here/ });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_JSON_DEPTH, type ProblemDetails, problemType } from '@jobs/contracts';
import { type ApiClient, type ApiResponse, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import fc from 'fast-check';
import pg from 'pg';

/** Strings that have broken other services: injections, traversal, encodings, numbers that are not. */
const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE jobs; --",
  '$.payload[*]',
  '{"$where":"1"}',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\u202E',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '\\',
  '*',
  ',,,',
  '2024-02-30',
  '0000-00-00T25:61:61Z',
  // Instants at the edges of what the database driver and RFC 3339 can write (years 0 and 10000).
  '0000-01-01',
  '253402300800000',
  '999999999999999',
  '-1',
  '1.5',
  '0x10',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, -1e308, 2 ** 31, 2 ** 53));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'a', '$gt'), fc.jsonValue({ maxDepth: 2 })),
);

/** Bodies near the job contract, with hostile values where well-formed ones belong. */
const jobBody = fc.record(
  {
    type: fc.oneof(fc.constantFrom('text.indicators', 'domain.similar', 'sample.analyze'), hostileValue),
    payload: fc.oneof(fc.record({ text: hostileValue }, { requiredKeys: [] }), fc.record({ domain: hostileValue, limit: hostileValue }, { requiredKeys: [] }), hostileValue),
    priority: hostileValue,
    runAt: hostileValue,
    delaySeconds: hostileValue,
    maxAttempts: hostileValue,
    timeoutSeconds: hostileValue,
    metadata: hostileValue,
    webhook: fc.oneof(fc.record({ url: hostileValue, secret: hostileValue }, { requiredKeys: [] }), hostileValue),
  },
  { requiredKeys: [] },
);

const LIST_KEYS = ['limit', 'cursor', 'offset', 'type', 'status', 'resultType', 'errorCode', 'createdFrom', 'createdTo', 'finishedFrom', 'finishedTo', 'q', 'scheduleId', 'sort', 'order', 'includeTotal', 'scope', 'ownerId', 'refresh', 'compact', 'access_token'];
/** Bodies near the schedule contract, with hostile values (and hostile expressions and zones) where well-formed ones belong. */
const scheduleBody = fc.record(
  {
    name: fc.oneof(fc.constant('fuzzed'), hostileValue),
    cron: fc.oneof(fc.constantFrom('30 2 * * *', '@daily', '* * * * * *', '0 0 30 2 *', '61 * * * *', '*/0 * * * *', 'L W # ? *', '0 0 * * 8', '1-0 * * * *'), hostileValue),
    timezone: fc.oneof(fc.constantFrom('Europe/Berlin', 'UTC', 'Etc/GMT+14', 'Mars/Base', 'utc', '+01:00', ''), hostileValue),
    type: fc.oneof(fc.constantFrom('text.indicators', 'domain.similar'), hostileValue),
    payload: fc.oneof(fc.record({ text: hostileValue }, { requiredKeys: [] }), fc.record({ domain: hostileValue }, { requiredKeys: [] }), hostileValue),
    priority: hostileValue,
    metadata: hostileValue,
    maxAttempts: hostileValue,
    timeoutSeconds: hostileValue,
    enabled: hostileValue,
  },
  { requiredKeys: [] },
);

const SCHEDULE_LIST_KEYS = ['limit', 'cursor', 'type', 'enabled', 'scope', 'ownerId'];
const TIMELINE_KEYS = ['from', 'to', 'bucket', 'type', 'scope', 'ownerId', 'refresh'];
const BULK_KEYS = ['type', 'status', 'resultType', 'errorCode', 'createdFrom', 'createdTo', 'finishedFrom', 'finishedTo', 'q', 'scheduleId', 'scope', 'ownerId', 'dryRun', 'all'];
const LOG_KEYS = ['after', 'limit', 'logsAfter', 'access_token', 'cursor'];
const DELETE_KEYS = ['createdBefore', 'finishedBefore', 'type', 'status', 'ownerId', 'dryRun', 'includeActive'];

const queryOf = (keys: string[]): fc.Arbitrary<string> =>
  fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })), fc.oneof(hostileString, hostileNumber.map(String)), { maxKeys: 6 }).map((query) => {
    const text = new URLSearchParams(query).toString();
    return text ? `?${text}` : '';
  });

// "." and ".." (even as %2E) are dot segments: the URL parser removes them, so the request would not carry them.
const segment = fc
  .oneof(fc.uuid(), hostileString.filter((text) => text.length > 0 && !/^(\.|\.\.)$/.test(text)))
  .map((text) => encodeURIComponent(text));

/** A refused request is a problem document, and nothing is ever a server error. */
function expectHandled(response: ApiResponse, allowed: number[]): void {
  if (response.status >= 500 || (response.status < 400 && !allowed.includes(response.status))) {
    throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: response.status, code: expect.any(String), detail: expect.any(String) });
    // Its type is the page about its code (problems.spec.ts checks that every such page answers).
    expect(response.body).toMatchObject({ type: problemType((response.body as ProblemDetails).code) });
  }
}

describe('fuzzing every route with hostile input', () => {
  let stack: TestStack;
  let client: ApiClient;
  let admin: ApiClient;
  let db: pg.Client;
  const owner = uniqueSubject('fuzzed');

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    client = stack.client.withToken(mintToken({ sub: owner }, { expiresIn: '1h' }));
    admin = stack.client.withToken(mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }, { expiresIn: '1h' }));
    db = new pg.Client({ connectionString: stack.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  const counts = async (): Promise<{ jobs: number; queued: number }> => {
    const { rows } = await db.query<{ jobs: string; queued: string }>(
      `SELECT (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM pgboss.job WHERE name <> 'webhooks') AS queued`,
    );
    return { jobs: Number(rows[0]?.jobs), queued: Number(rows[0]?.queued) };
  };

  it('POST /v1/jobs and /v1/jobs/batch: only accepted jobs are stored, with their queue entries', async () => {
    const before = await counts();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(jobBody, hostileValue), fc.boolean(), async (body, asBatch) => {
        const response = asBatch ? await client.post('/v1/jobs/batch', { jobs: [body, body] }) : await client.post('/v1/jobs', body);
        expectHandled(response, [202]);
        if (response.status === 202) accepted += asBatch ? 2 : 1;
      }),
      { numRuns: 250 },
    );
    const after = await counts();
    expect(after).toEqual({ jobs: before.jobs + accepted, queued: before.queued + accepted });
  });

  it('POST /v1/schedules and PATCH /v1/schedules/:id: only accepted schedules are stored, and a refused change changes nothing', async () => {
    const schedules = async () => (await db.query<{ rows: string }>('SELECT count(*) AS rows FROM schedules')).rows[0]?.rows;
    const before = Number(await schedules());
    let accepted = 0;
    const existing = (await client.post<{ id: string }>('/v1/schedules', { name: 'kept', cron: '30 2 * * *', type: 'text.indicators', payload: { text: 'x' } })).body.id;
    const stored = async () => (await db.query('SELECT name, cron, timezone, type, payload, priority, metadata, enabled FROM schedules WHERE id = $1', [existing])).rows[0];
    await fc.assert(
      fc.asyncProperty(fc.oneof(scheduleBody, hostileValue), fc.boolean(), async (body, asPatch) => {
        if (asPatch) {
          const previous = await stored();
          const response = await client.request('PATCH', `/v1/schedules/${existing}`, { body });
          expectHandled(response, [200]);
          if (response.status !== 200) expect(await stored()).toEqual(previous);
          return;
        }
        const response = await client.post('/v1/schedules', body);
        expectHandled(response, [201]);
        if (response.status === 201) accepted += 1;
      }),
      { numRuns: 250 },
    );
    expect(Number(await schedules())).toBe(before + accepted + 1);
  });

  it('GET /v1/schedules with any query', async () => {
    await fc.assert(
      fc.asyncProperty(queryOf(SCHEDULE_LIST_KEYS), fc.boolean(), async (query, asAdmin) => {
        expectHandled(await (asAdmin ? admin : client).get(`/v1/schedules${query}`), [200]);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses bodies nested too deep, whatever the route', async () => {
    const before = await counts();
    let deep: unknown = 'leaf';
    for (let level = 0; level < MAX_JSON_DEPTH; level += 1) deep = { deeper: deep };
    for (const rawBody of [JSON.stringify({ type: 'text.indicators', payload: { text: 'x', deep } }), `${'['.repeat(50_000)}${']'.repeat(50_000)}`]) {
      const response = await client.request('POST', '/v1/jobs', { rawBody, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining(`deeper than ${MAX_JSON_DEPTH} levels`) });
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses raw bodies that are not quite JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{"type":', '{"__proto__":{"admin":true}}', '[]', '""', 'null', '{"a":1}{"b":2}', '\uFEFF{}')), async (raw) => {
        expectHandled(await client.request('POST', '/v1/jobs', { rawBody: raw, headers: { 'content-type': 'application/json' } }), []);
      }),
      { numRuns: 150 },
    );
  });

  it('GET /v1/jobs, /v1/jobs/stats and /v1/jobs/events with any query', async () => {
    await fc.assert(
      fc.asyncProperty(queryOf(LIST_KEYS), fc.boolean(), async (query, asAdmin) => {
        const caller = asAdmin ? admin : client;
        expectHandled(await caller.get(`/v1/jobs${query}`), [200]);
        expectHandled(await caller.get(`/v1/jobs/stats${query}`), [200]);
        // An accepted feed is answered by its status alone (ApiClient leaves event streams unread).
        expectHandled(await caller.get(`/v1/jobs/events${query}`), [200]);
      }),
      { numRuns: 200 },
    );
  });

  it('GET /v1/jobs/stats/timeline with any query', async () => {
    const instant = fc.oneof(
      fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
      fc.integer({ min: 0, max: 999_999_999_999_999 }).map(String),
      hostileString,
    );
    const timelineQuery = fc.oneof(
      queryOf(TIMELINE_KEYS),
      // Well-formed windows of every length, so the bucket limits and the SQL see extreme but valid ones.
      fc.record({ from: instant, to: instant, bucket: fc.constantFrom('minute', 'hour', 'day', 'week', '') }, { requiredKeys: [] }).map((query) => `?${new URLSearchParams(query)}`),
    );
    await fc.assert(
      fc.asyncProperty(timelineQuery, fc.boolean(), async (query, asAdmin) => {
        expectHandled(await (asAdmin ? admin : client).get(`/v1/jobs/stats/timeline${query}`), [200]);
      }),
      { numRuns: 200 },
    );
  });

  it('every route with a path parameter, with any parameter', async () => {
    const routes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', (value: string) => string]> = [
      ['GET', (id) => `/v1/jobs/${id}`],
      ['GET', (id) => `/v1/jobs/${id}/status`],
      ['GET', (id) => `/v1/jobs/${id}/result?compact=${id}`],
      ['GET', (id) => `/v1/jobs/${id}/stream`],
      ['GET', (id) => `/v1/jobs/${id}/logs?after=${id}`],
      ['GET', (id) => `/v1/jobs/${id}/attempts`],
      ['POST', (id) => `/v1/jobs/${id}/cancel`],
      ['POST', (id) => `/v1/jobs/${id}/retry`],
      ['DELETE', (id) => `/v1/jobs/${id}`],
      ['GET', (id) => `/v1/results/${id}`],
      ['GET', (id) => `/v1/results/${id}/job`],
      ['GET', (id) => `/v1/schedules/${id}`],
      ['PATCH', (id) => `/v1/schedules/${id}`],
      ['POST', (id) => `/v1/schedules/${id}/pause`],
      ['POST', (id) => `/v1/schedules/${id}/resume`],
      ['DELETE', (id) => `/v1/schedules/${id}`],
    ];
    await fc.assert(
      fc.asyncProperty(segment, fc.constantFrom(...routes), async (value, [method, path]) => {
        expectHandled(await client.request(method, path(value)), [200, 202]);
      }),
      { numRuns: 250 },
    );
  });

  it('POST /v1/jobs/retry and /v1/jobs/cancel with any query', async () => {
    await fc.assert(
      fc.asyncProperty(queryOf(BULK_KEYS), fc.boolean(), fc.constantFrom('retry', 'cancel'), async (query, asAdmin, change) => {
        expectHandled(await (asAdmin ? admin : client).request('POST', `/v1/jobs/${change}${query}`), [200]);
      }),
      { numRuns: 150 },
    );
  });

  it("GET /v1/jobs/:id/logs and the job's stream with any query", async () => {
    const { jobId } = (await client.post<{ jobId: string }>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' } })).body;
    await fc.assert(
      fc.asyncProperty(queryOf(LOG_KEYS), fc.boolean(), async (query, asAdmin) => {
        const caller = asAdmin ? admin : client;
        expectHandled(await caller.get(`/v1/jobs/${jobId}/logs${query}`), [200]);
        // An accepted stream is answered by its status alone (ApiClient leaves event streams unread).
        expectHandled(await caller.get(`/v1/jobs/${jobId}/stream${query}`), [200]);
      }),
      { numRuns: 150 },
    );
  });

  it('DELETE /v1/jobs and /v1/admin/jobs with any query', async () => {
    await fc.assert(
      fc.asyncProperty(queryOf(DELETE_KEYS), async (query) => {
        expectHandled(await client.request('DELETE', `/v1/jobs${query}`), [200]);
        expectHandled(await admin.request('DELETE', `/v1/admin/jobs${query}`), [200]);
      }),
      { numRuns: 150 },
    );
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobSummary, ResultResponse, ScheduleResponse } from '@jobs/contracts';
import { ApiClient, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import jwt from 'jsonwebtoken';

/**
 * Every route against every kind of caller, from one table. The API verifies RS256 tokens with an
 * issuer and audience, so each way a credential can be wrong is tried, HS/RS confusion included.
 */
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'jobs-api';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const OTHER_PRIVATE_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const sign = (claims: object, options: jwt.SignOptions = {}, key = PRIVATE_PEM): string =>
  jwt.sign(claims, key, { algorithm: 'RS256', expiresIn: '10m', issuer: ISSUER, audience: AUDIENCE, ...options });

const now = (): number => Math.floor(Date.now() / 1000);
const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Credentials that must never get past authentication. */
const BAD_CREDENTIALS: Record<string, () => string | undefined> = {
  'no token': () => undefined,
  'bad signature': () => sign({ sub: 'mallory' }, {}, OTHER_PRIVATE_PEM),
  expired: () => jwt.sign({ sub: 'late', iss: ISSUER, aud: AUDIENCE, exp: now() - 60 }, PRIVATE_PEM, { algorithm: 'RS256' }),
  'not yet valid': () => sign({ sub: 'early' }, { notBefore: '10m' }),
  'alg none': () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'nobody', iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}.`,
  'HS/RS confusion': () => jwt.sign({ sub: 'attacker' }, PUBLIC_PEM, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE }),
  'wrong issuer': () => sign({ sub: 'alice' }, { issuer: 'https://evil.test' }),
  'wrong audience': () => sign({ sub: 'alice' }, { audience: 'another-api' }),
};

type Caller = 'owner' | 'other user' | 'org member' | 'admin';
const CALLERS: readonly Caller[] = ['owner', 'other user', 'org member', 'admin'];

/** What a route acts on: made afresh for each call, since some calls change or delete it. */
interface Target {
  jobId: string;
  resultId: string;
  scheduleId: string;
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (target: Target) => string;
  body?: unknown;
  /** The job's state before the call: running routes need a pending job, results a completed one; schedule routes a schedule. */
  needs: 'pending' | 'completed' | 'cancelled' | 'schedule' | 'nothing';
  expected: Record<Caller, number>;
}

const EVERYONE = (status: number): Record<Caller, number> => ({ owner: status, 'other user': status, 'org member': status, admin: status });
const READABLE = { owner: 200, 'other user': 404, 'org member': 200, admin: 200 };
const CHANGEABLE = (status: number): Record<Caller, number> => ({ owner: status, 'other user': 404, 'org member': 403, admin: status });
const ADMIN_ONLY = (status: number): Record<Caller, number> => ({ owner: 403, 'other user': 403, 'org member': 403, admin: status });
const SOON = new Date(Date.now() + 3_600_000).toISOString();
const JOB = { type: 'text.indicators', payload: { text: 'see 198.51.100.1' } };
const SCHEDULE = { name: 'nightly', cron: '30 2 * * *', timezone: 'Europe/Berlin', ...JOB };

const ROUTES: Record<string, Route> = {
  'POST /v1/jobs': { method: 'POST', path: () => '/v1/jobs', body: JOB, needs: 'nothing', expected: EVERYONE(202) },
  'POST /v1/jobs/batch': { method: 'POST', path: () => '/v1/jobs/batch', body: { jobs: [JOB, JOB] }, needs: 'nothing', expected: EVERYONE(202) },
  'GET /v1/jobs': { method: 'GET', path: () => '/v1/jobs', needs: 'nothing', expected: EVERYONE(200) },
  'GET /v1/jobs?scope=all': { method: 'GET', path: () => '/v1/jobs?scope=all', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/jobs/stats': { method: 'GET', path: () => '/v1/jobs/stats', needs: 'nothing', expected: EVERYONE(200) },
  'GET /v1/jobs/stats?scope=all': { method: 'GET', path: () => '/v1/jobs/stats?scope=all', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/jobs/stats?ownerId=': { method: 'GET', path: () => '/v1/jobs/stats?ownerId=someone', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/jobs/stats/timeline': { method: 'GET', path: () => '/v1/jobs/stats/timeline', needs: 'nothing', expected: EVERYONE(200) },
  'GET /v1/jobs/stats/timeline?scope=all': { method: 'GET', path: () => '/v1/jobs/stats/timeline?scope=all', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/jobs/stats/timeline?ownerId': { method: 'GET', path: () => '/v1/jobs/stats/timeline?ownerId=someone', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/jobs/:id': { method: 'GET', path: ({ jobId }) => `/v1/jobs/${jobId}`, needs: 'completed', expected: READABLE },
  'GET /v1/jobs/:id/status': { method: 'GET', path: ({ jobId }) => `/v1/jobs/${jobId}/status`, needs: 'completed', expected: READABLE },
  'GET /v1/jobs/:id/result': { method: 'GET', path: ({ jobId }) => `/v1/jobs/${jobId}/result`, needs: 'completed', expected: READABLE },
  'GET /v1/jobs/:id/stream': { method: 'GET', path: ({ jobId }) => `/v1/jobs/${jobId}/stream`, needs: 'completed', expected: READABLE },
  'GET /v1/jobs/:id/logs': { method: 'GET', path: ({ jobId }) => `/v1/jobs/${jobId}/logs`, needs: 'completed', expected: READABLE },
  'GET /v1/jobs/:id/attempts': { method: 'GET', path: ({ jobId }) => `/v1/jobs/${jobId}/attempts`, needs: 'completed', expected: READABLE },
  // A feed never ends: ApiClient answers an event stream by its status alone.
  'GET /v1/jobs/events': { method: 'GET', path: () => '/v1/jobs/events', needs: 'nothing', expected: EVERYONE(200) },
  'GET /v1/jobs/events?scope=all': { method: 'GET', path: () => '/v1/jobs/events?scope=all', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'POST /v1/jobs/:id/cancel': { method: 'POST', path: ({ jobId }) => `/v1/jobs/${jobId}/cancel`, needs: 'pending', expected: CHANGEABLE(200) },
  'POST /v1/jobs/:id/retry': { method: 'POST', path: ({ jobId }) => `/v1/jobs/${jobId}/retry`, needs: 'cancelled', expected: CHANGEABLE(202) },
  // By filter: a type nobody here submits, so no job of the other routes changes.
  'POST /v1/jobs/retry': { method: 'POST', path: () => '/v1/jobs/retry?type=domain.similar', needs: 'nothing', expected: EVERYONE(200) },
  'POST /v1/jobs/retry?scope=all': { method: 'POST', path: () => '/v1/jobs/retry?scope=all&type=domain.similar&dryRun=true', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'POST /v1/jobs/cancel': { method: 'POST', path: () => '/v1/jobs/cancel?type=domain.similar', needs: 'nothing', expected: EVERYONE(200) },
  'POST /v1/jobs/cancel?ownerId=': { method: 'POST', path: () => '/v1/jobs/cancel?ownerId=someone&all=true&dryRun=true', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'DELETE /v1/jobs/:id': { method: 'DELETE', path: ({ jobId }) => `/v1/jobs/${jobId}`, needs: 'pending', expected: CHANGEABLE(200) },
  // Filtered to a type nobody here submits, so the shared completed job stays for the routes after it.
  'DELETE /v1/jobs': { method: 'DELETE', path: () => `/v1/jobs?createdBefore=${SOON}&type=domain.similar`, needs: 'nothing', expected: EVERYONE(200) },
  'DELETE /v1/admin/jobs': { method: 'DELETE', path: () => `/v1/admin/jobs?createdBefore=${SOON}&dryRun=true`, needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/results/:resultId': { method: 'GET', path: ({ resultId }) => `/v1/results/${resultId}`, needs: 'completed', expected: READABLE },
  'GET /v1/results/:resultId/job': { method: 'GET', path: ({ resultId }) => `/v1/results/${resultId}/job`, needs: 'completed', expected: READABLE },
  'GET /v1/job-types': { method: 'GET', path: () => '/v1/job-types', needs: 'nothing', expected: EVERYONE(200) },
  'GET /v1/me': { method: 'GET', path: () => '/v1/me', needs: 'nothing', expected: EVERYONE(200) },
  'POST /v1/schedules': { method: 'POST', path: () => '/v1/schedules', body: SCHEDULE, needs: 'nothing', expected: EVERYONE(201) },
  'GET /v1/schedules': { method: 'GET', path: () => '/v1/schedules', needs: 'nothing', expected: EVERYONE(200) },
  'GET /v1/schedules?scope=all': { method: 'GET', path: () => '/v1/schedules?scope=all', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/schedules?ownerId=': { method: 'GET', path: () => '/v1/schedules?ownerId=someone', needs: 'nothing', expected: ADMIN_ONLY(200) },
  'GET /v1/schedules/:id': { method: 'GET', path: ({ scheduleId }) => `/v1/schedules/${scheduleId}`, needs: 'schedule', expected: READABLE },
  'PATCH /v1/schedules/:id': { method: 'PATCH', path: ({ scheduleId }) => `/v1/schedules/${scheduleId}`, body: { name: 'renamed' }, needs: 'schedule', expected: CHANGEABLE(200) },
  'POST /v1/schedules/:id/pause': { method: 'POST', path: ({ scheduleId }) => `/v1/schedules/${scheduleId}/pause`, needs: 'schedule', expected: CHANGEABLE(200) },
  'POST /v1/schedules/:id/resume': { method: 'POST', path: ({ scheduleId }) => `/v1/schedules/${scheduleId}/resume`, needs: 'schedule', expected: CHANGEABLE(200) },
  'DELETE /v1/schedules/:id': { method: 'DELETE', path: ({ scheduleId }) => `/v1/schedules/${scheduleId}`, needs: 'schedule', expected: CHANGEABLE(200) },
};

/** Routes outside /v1 that need no token at all. */
const PUBLIC_ROUTES = ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs', '/dashboard/', '/dashboard/overview'];

describe('authorization matrix', () => {
  let stack: TestStack;
  const org = uniqueSubject('org');
  const owner = uniqueSubject('owner');
  const tokens: Record<Caller, string> = {
    owner: sign({ sub: owner, org }),
    'other user': sign({ sub: uniqueSubject('stranger'), org: uniqueSubject('elsewhere') }),
    'org member': sign({ sub: uniqueSubject('colleague'), org }),
    admin: sign({ sub: uniqueSubject('admin'), roles: ['admin'] }),
  };
  let completed: Target;

  const as = (token: string | undefined): ApiClient => stack.client.withToken(token);

  /** A job (or schedule) of the owner's, created with the org, in the state a route needs. */
  async function targetFor(needs: Route['needs']): Promise<Target> {
    if (needs === 'completed') return completed;
    const client = as(tokens.owner);
    if (needs === 'schedule') return { ...completed, scheduleId: (await client.post<ScheduleResponse>('/v1/schedules', SCHEDULE)).body.id };
    const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { ...JOB, delaySeconds: 3600 })).body;
    if (needs === 'cancelled') expect((await client.post(`/v1/jobs/${jobId}/cancel`)).status).toBe(200);
    return { jobId, resultId: '00000000-0000-4000-8000-000000000000', scheduleId: '00000000-0000-4000-8000-000000000000' };
  }

  beforeAll(async () => {
    // An empty JWT_SECRET counts as unset: the stack's HS256 secret makes way for the public key.
    stack = await startStack({ apiEnv: { JWT_SECRET: '', JWT_PUBLIC_KEY: PUBLIC_PEM, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } });
    const client = as(tokens.owner);
    const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', JOB)).body;
    await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body.status, (status) => status === 'COMPLETED');
    completed = { jobId, resultId: (await client.get<ResultResponse>(`/v1/jobs/${jobId}/result`)).body.id, scheduleId: '00000000-0000-4000-8000-000000000000' };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe.each(Object.entries(ROUTES))('%s', (_name, route) => {
    it.each(CALLERS)('as %s', async (caller) => {
      const target = await targetFor(route.needs);
      const response = await as(tokens[caller]).request(route.method, route.path(target), route.body === undefined ? {} : { body: route.body });
      expect({ caller, status: response.status }).toEqual({ caller, status: route.expected[caller] });
      if (response.status >= 400) expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it.each(Object.keys(BAD_CREDENTIALS))('refuses %s with 401', async (credential) => {
      const response = await as(BAD_CREDENTIALS[credential]?.()).request(route.method, route.path(completed), route.body === undefined ? {} : { body: route.body });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
    });
  });

  it.each(PUBLIC_ROUTES)('serves %s to anyone, with or without a token', async (path) => {
    for (const token of [undefined, BAD_CREDENTIALS['bad signature']?.(), tokens.owner]) {
      expect((await as(token).get(path)).status).toBe(200);
    }
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, ProblemDetails } from '@jobs/contracts';
import { ApiClient, mintToken, startApi, startStack, type RunningApi, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import jwt from 'jsonwebtoken';

const JOB = { type: 'text.indicators', payload: { text: 'ping 192.0.2.44' } };

function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

describe('authentication and ownership', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function expectUnauthorized(token: string | undefined, detail: RegExp): Promise<void> {
    const response = await stack.client.withToken(token).post<ProblemDetails>('/v1/jobs', JOB);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED', title: 'Unauthorized' });
    expect(response.body.detail).toMatch(detail);
  }

  it('refuses requests without a token', async () => {
    await expectUnauthorized(undefined, /bearer token/i);
  });

  it('refuses a token signed with another secret', async () => {
    await expectUnauthorized(mintToken({ sub: 'mallory' }, { key: 'some-other-secret-that-is-long-enough' }), /signature/);
  });

  it('refuses an expired token', async () => {
    await expectUnauthorized(mintToken({ sub: 'late', exp: Math.floor(Date.now() / 1000) - 60 }), /expired/);
  });

  it('refuses a token that is not valid yet', async () => {
    await expectUnauthorized(mintToken({ sub: 'early' }, { notBefore: '10m' }), /not valid yet/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    await expectUnauthorized(unsignedToken({ sub: 'nobody', exp: Math.floor(Date.now() / 1000) + 300 }), /malformed|signature/);
  });

  it('refuses a token without a subject, and garbage', async () => {
    await expectUnauthorized(mintToken({ org: 'acme' }), /not valid/);
    await expectUnauthorized('not.a.jwt', /malformed|signature/);
  });

  it("answers 404 for another user's job on every route, as if it did not exist", async () => {
    const owner = stack.client.withToken(mintToken({ sub: uniqueSubject('owner') }));
    const stranger = stack.client.withToken(mintToken({ sub: uniqueSubject('stranger') }));
    const { jobId } = (await owner.post<JobAcceptedResponse>('/v1/jobs', JOB)).body;
    const done = await waitUntil(
      async () => (await owner.get<{ status: string; resultId: string | null }>(`/v1/jobs/${jobId}/status`)).body,
      (job) => job.status === 'COMPLETED',
    );

    for (const path of [`/v1/jobs/${jobId}`, `/v1/jobs/${jobId}/status`, `/v1/jobs/${jobId}/result`]) {
      const response = await stranger.get<ProblemDetails>(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'JOB_NOT_FOUND' });
    }
    for (const path of [`/v1/results/${done.resultId}`, `/v1/results/${done.resultId}/job`]) {
      const response = await stranger.get<ProblemDetails>(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'RESULT_NOT_FOUND' });
    }
    const missing = await stranger.get<ProblemDetails>('/v1/jobs/00000000-0000-4000-8000-000000000000');
    expect(missing.body.detail).toBe('No job with id 00000000-0000-4000-8000-000000000000.');
    expect((await owner.get(`/v1/jobs/${jobId}`)).status).toBe(200);
  });

  it("shows a job created with an org to the org's members, and any job to an admin", async () => {
    const org = uniqueSubject('org');
    const creator = stack.client.withToken(mintToken({ sub: uniqueSubject('creator'), org }));
    const colleague = stack.client.withToken(mintToken({ sub: uniqueSubject('colleague'), org }));
    const outsider = stack.client.withToken(mintToken({ sub: uniqueSubject('outsider'), org: uniqueSubject('other-org') }));
    const admin = stack.client.withToken(mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }));
    const { jobId } = (await creator.post<JobAcceptedResponse>('/v1/jobs', JOB)).body;

    expect((await colleague.get<{ orgId: string }>(`/v1/jobs/${jobId}`)).body.orgId).toBe(org);
    expect((await outsider.get(`/v1/jobs/${jobId}`)).status).toBe(404);
    expect((await admin.get(`/v1/jobs/${jobId}`)).status).toBe(200);

    const personal = (await stack.client.withToken(mintToken({ sub: 'solo-' + org })).post<JobAcceptedResponse>('/v1/jobs', JOB)).body;
    expect((await colleague.get(`/v1/jobs/${personal.jobId}`)).status).toBe(404);
  });
});

const KEY_PAIRS = {
  RS256: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
  ES256: () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
} as const;

describe.each(['RS256', 'ES256'] as const)('%s verification with a public key', (algorithm) => {
  const pair = KEY_PAIRS[algorithm]();
  const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let stack: TestStack;
  let api: RunningApi;
  let client: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    await stack.api.process.stop();
    api = await startApi({
      DATABASE_URL: stack.database.url,
      JWT_PUBLIC_KEY: publicPem,
      JWT_ISSUER: 'https://issuer.test',
      JWT_AUDIENCE: 'jobs-api',
    });
    client = new ApiClient(api.url);
  });

  afterAll(async () => {
    await api?.process.stop();
    await stack?.stop();
  });

  const sign = (options: jwt.SignOptions, key = privatePem): string =>
    jwt.sign({ sub: `${algorithm}-user` }, key, { algorithm, expiresIn: '5m', issuer: 'https://issuer.test', audience: 'jobs-api', ...options });

  it('accepts a correctly signed token for the configured issuer and audience', async () => {
    expect((await client.withToken(sign({})).post('/v1/jobs', JOB)).status).toBe(202);
  });

  it('refuses the wrong issuer or audience', async () => {
    for (const token of [sign({ issuer: 'https://evil.test' }), sign({ audience: 'someone-else' })]) {
      const response = await client.withToken(token).get<ProblemDetails>('/v1/job-types');
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/not issued for this service/);
    }
  });

  it('refuses HS256 tokens signed with the public key (algorithm confusion)', async () => {
    const forged = jwt.sign({ sub: 'attacker' }, publicPem, { algorithm: 'HS256', issuer: 'https://issuer.test', audience: 'jobs-api' });
    expect((await client.withToken(forged).get('/v1/job-types')).status).toBe(401);
  });

  it('refuses a token signed by another key pair', async () => {
    const other = KEY_PAIRS[algorithm]().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect((await client.withToken(sign({}, other)).get('/v1/job-types')).status).toBe(401);
  });
});

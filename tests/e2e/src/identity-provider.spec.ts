import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallerResponse, ProblemDetails } from '@jobs/contracts';
import { ApiClient, sleep, startApi, startStack, type RunningApi, type TestStack, waitUntil } from '@jobs/testing';
import jwt from 'jsonwebtoken';

const ISSUER = 'https://idp.test/realms/jobs';
const AUDIENCE = 'jobs-api';
const COOLDOWN_SECONDS = 2;

interface SigningKeyPair {
  kid: string;
  algorithm: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function keyPair(algorithm: SigningKeyPair['algorithm']): SigningKeyPair {
  const pair = algorithm === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { kid: `${algorithm}-${randomUUID()}`, algorithm, ...pair };
}

/** An identity provider's JWKS endpoint: serves the keys it is given and counts its hits. */
class KeySetServer {
  hits = 0;
  private keys: SigningKeyPair[] = [];
  private readonly server: Server = createServer((_request, response) => {
    this.hits += 1;
    const keys = this.keys.map(({ kid, algorithm, publicKey }) => ({ ...publicKey.export({ format: 'jwk' }), kid, alg: algorithm, use: 'sig' }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/jobs/protocol/openid-connect/certs`;
  }

  publish(...keys: SigningKeyPair[]): void {
    this.keys = keys;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Claims shaped like Keycloak's: roles under realm_access, the organisation in a namespaced claim. */
function sign(key: SigningKeyPair, claims: Record<string, unknown> = {}, kid: string = key.kid): string {
  return jwt.sign(
    { preferred_username: 'alice', 'https://jobs.test/org': 'acme', realm_access: { roles: ['offline_access', 'jobs-admin'] }, ...claims },
    key.privateKey,
    { algorithm: key.algorithm, keyid: kid, expiresIn: '5m', issuer: ISSUER, audience: AUDIENCE, subject: randomUUID() },
  );
}

function unsignedToken(kid: string): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT', kid })}.${encode({ preferred_username: 'mallory', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })}.`;
}

interface ReadinessBody {
  status?: string;
  details?: Record<string, { status: string; keys?: number; lastError?: string | null }>;
  checks?: Record<string, { status: string; keys?: number; lastError?: string | null }>;
}

describe('sign-in through an identity provider (JWT_JWKS_URL)', () => {
  const provider = new KeySetServer();
  let providerUrl: string;
  let rsa = keyPair('RS256');
  const ec = keyPair('ES256');
  let stack: TestStack;
  let api: RunningApi;
  let client: ApiClient;

  const apiEnvironment = (jwksUrl: string): Record<string, string> => ({
    DATABASE_URL: stack.database.url,
    JWT_SECRET: '',
    JWT_JWKS_URL: jwksUrl,
    JWT_JWKS_COOLDOWN_SECONDS: String(COOLDOWN_SECONDS),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_SUBJECT_CLAIM: 'preferred_username',
    JWT_ORG_CLAIM: 'https://jobs.test/org',
    JWT_ROLES_CLAIM: 'realm_access.roles',
    JWT_ADMIN_ROLE: 'jobs-admin',
  });

  beforeAll(async () => {
    await provider.start();
    provider.publish(rsa, ec);
    providerUrl = provider.url;
    stack = await startStack({ workers: 0 });
    await stack.api.process.stop();
    api = await startApi(apiEnvironment(providerUrl));
    client = new ApiClient(api.url);
  });

  afterAll(async () => {
    await api?.process.stop();
    await stack?.stop();
    await provider.stop().catch(() => undefined);
  });

  const status = async (token: string): Promise<number> => (await client.withToken(token).get('/v1/me')).status;
  const readiness = async (url: string) => {
    const response = await fetch(`${url}/health/ready`);
    const body = (await response.json()) as ReadinessBody;
    return { status: response.status, keys: (body.details ?? body.checks)?.['identityProviderKeys'] };
  };

  it('accepts RS256 and ES256 tokens by kid, and /v1/me shows the mapped subject, org and roles', async () => {
    for (const key of [rsa, ec]) {
      const response = await client.withToken(sign(key)).get<CallerResponse>('/v1/me');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ sub: 'alice', org: 'acme', roles: ['offline_access', 'jobs-admin'], admin: true });
    }
    const plain = await client.withToken(sign(rsa, { preferred_username: 'bob', 'https://jobs.test/org': undefined, realm_access: { roles: ['viewer'] } })).get<CallerResponse>('/v1/me');
    expect(plain.body).toMatchObject({ sub: 'bob', org: null, roles: ['viewer'], admin: false });
    expect(await readiness(api.url)).toMatchObject({ status: 200, keys: { status: 'up', keys: 2, lastError: null } });
  });

  it('refuses alg confusion (HS256 signed with the public key), alg none, HS256 without a secret, and a wrong issuer', async () => {
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const confused = jwt.sign({ preferred_username: 'mallory' }, publicPem, { algorithm: 'HS256', keyid: rsa.kid, issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m' });
    const secretSigned = jwt.sign({ preferred_username: 'mallory' }, 'a-secret-that-is-long-enough', { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m' });
    const wrongIssuer = jwt.sign({ preferred_username: 'mallory' }, rsa.privateKey, { algorithm: 'RS256', keyid: rsa.kid, issuer: 'https://evil.test', audience: AUDIENCE, expiresIn: '5m' });
    // An ES256 kid on an RS256 signature: the key set's key for that kid is for another algorithm.
    const crossed = sign(rsa, {}, ec.kid);
    for (const token of [confused, unsignedToken(rsa.kid), secretSigned, wrongIssuer, crossed]) {
      const response = await client.withToken(token).get<ProblemDetails>('/v1/me');
      expect({ token, status: response.status, code: response.body.code }).toEqual({ token, status: 401, code: 'UNAUTHORIZED' });
    }
  });

  it('honours key rotation without a restart: a new kid is fetched, a removed one is refused', async () => {
    const next = keyPair('RS256');
    provider.publish(next, ec);
    // The first request may fall within the cooldown of the previous fetch: the new kid is then unknown until it passes.
    await waitUntil(() => status(sign(next)), (code) => code === 200, { timeoutMs: 20_000, intervalMs: 250 });
    expect(await status(sign(rsa))).toBe(401);
    expect(await status(sign(ec))).toBe(200);
    rsa = next;
  });

  it('fetches the key set at most once per cooldown, however many unknown kids arrive', async () => {
    await sleep(COOLDOWN_SECONDS * 1000 + 200);
    const before = provider.hits;
    const started = Date.now();
    const answers: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      answers.push(...(await Promise.all(Array.from({ length: 10 }, () => status(sign(ec, {}, `random-${randomUUID()}`))))));
    }
    const elapsedMs = Date.now() - started;
    expect(new Set(answers)).toEqual(new Set([401]));
    const fetches = provider.hits - before;
    expect(fetches).toBeGreaterThanOrEqual(1);
    expect(fetches).toBeLessThanOrEqual(Math.ceil(elapsedMs / (COOLDOWN_SECONDS * 1000)) + 1);
    expect(fetches).toBeLessThan(answers.length);
  });

  it('also accepts HS256 service tokens when JWT_SECRET is set beside the JWKS URL, each algorithm with its own key', async () => {
    const secret = 'a-service-token-secret-of-32-characters';
    const both = await startApi({ ...apiEnvironment(providerUrl), JWT_SECRET: secret });
    try {
      const mixed = new ApiClient(both.url);
      const service = jwt.sign({ preferred_username: 'nightly-export', realm_access: { roles: ['viewer'] } }, secret, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m' });
      expect((await mixed.withToken(service).get<CallerResponse>('/v1/me')).body).toMatchObject({ sub: 'nightly-export', roles: ['viewer'], admin: false });
      expect((await mixed.withToken(sign(ec)).get('/v1/me')).status).toBe(200);
      const publicPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const confused = jwt.sign({ preferred_username: 'mallory' }, publicPem, { algorithm: 'HS256', keyid: ec.kid, issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m' });
      expect((await mixed.withToken(confused).get('/v1/me')).status).toBe(401);
    } finally {
      await both.process.stop();
    }
  });

  it('keeps the fetched keys while the provider is down, refuses unknown kids, and says so on readiness', async () => {
    await provider.stop();
    const unknown = sign(ec, {}, `after-outage-${randomUUID()}`);
    const state = await waitUntil(
      async () => {
        expect(await status(unknown)).toBe(401);
        return readiness(api.url);
      },
      (answer) => typeof answer.keys?.lastError === 'string',
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(state).toMatchObject({ status: 200, keys: { status: 'up', keys: 2 } });
    expect(await status(sign(ec))).toBe(200);
  });

  it('refuses every token and is not ready when the key set was never fetched', async () => {
    const unreachable = await startApi(apiEnvironment(providerUrl));
    try {
      const offline = new ApiClient(unreachable.url);
      for (const key of [rsa, ec]) {
        const response = await offline.withToken(sign(key)).get<ProblemDetails>('/v1/me');
        expect(response.status).toBe(401);
        expect(response.body.detail).toMatch(/key set/);
      }
      const state = await waitUntil(() => readiness(unreachable.url), (answer) => typeof answer.keys?.lastError === 'string', { intervalMs: 250 });
      expect(state).toMatchObject({ status: 503, keys: { status: 'down', keys: 0 } });
    } finally {
      await unreachable.process.stop();
    }
  });
});

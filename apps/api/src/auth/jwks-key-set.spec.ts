import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { JwksKeySet, signingKeysOf, UnknownSigningKeyError } from './jwks-key-set.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ecP384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const rsaJwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1' };
const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1' };

describe('signingKeysOf', () => {
  it('keeps RS256 and ES256 signature keys and leaves out the rest', () => {
    const keys = signingKeysOf({
      keys: [
        { ...rsaJwk, use: 'sig', alg: 'RS256' },
        ecJwk,
        { ...rsaJwk, kid: 'encryption', use: 'enc' },
        { ...rsaJwk, kid: 'declared-otherwise', alg: 'RS512' },
        { ...ecP384.publicKey.export({ format: 'jwk' }), kid: 'p384' },
        { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'private' },
        { kty: 'RSA', kid: 'broken' },
        { kty: 'oct', kid: 'symmetric', k: 'c2VjcmV0' },
        'garbage',
      ],
    });
    expect(keys.map(({ kid, algorithm }) => ({ kid, algorithm }))).toEqual([
      { kid: 'rsa-1', algorithm: 'RS256' },
      { kid: 'ec-1', algorithm: 'ES256' },
    ]);
  });

  it('refuses a document without a keys array', () => {
    expect(() => signingKeysOf({ key: [] })).toThrow('not a JWKS document');
    expect(() => signingKeysOf('<html>')).toThrow('not a JWKS document');
  });
});

describe('JwksKeySet', () => {
  let server: Server | null = null;
  let hits = 0;
  let document: unknown = { keys: [rsaJwk, ecJwk] };

  async function serve(): Promise<string> {
    hits = 0;
    server = createServer((_request, response) => {
      hits += 1;
      // Slow enough that concurrent requests overlap one fetch.
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document)), 50);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  }

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    document = { keys: [rsaJwk, ecJwk] };
  });

  it('chooses by kid and algorithm; without a kid only a single key of the algorithm', async () => {
    const keySet = new JwksKeySet(await serve(), { maxAgeMs: 60_000, cooldownMs: 60_000, timeoutMs: 2_000 });
    expect((await keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' })).asymmetricKeyType).toBe('rsa');
    expect((await keySet.keyFor({ alg: 'ES256' })).asymmetricKeyType).toBe('ec');
    await expect(keySet.keyFor({ kid: 'rsa-1', alg: 'ES256' })).rejects.toThrow(UnknownSigningKeyError);
    expect(hits).toBe(1);
    expect(keySet.state()).toMatchObject({ loaded: true, keys: 2, lastError: null });
  });

  it('joins concurrent fetches into one and fetches at most once per cooldown', async () => {
    const keySet = new JwksKeySet(await serve(), { maxAgeMs: 60_000, cooldownMs: 60_000, timeoutMs: 2_000 });
    const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => keySet.keyFor({ kid: `random-${index}`, alg: 'RS256' })));
    expect(answers.every((answer) => answer.status === 'rejected')).toBe(true);
    await expect(keySet.keyFor({ kid: 'another', alg: 'RS256' })).rejects.toThrow(UnknownSigningKeyError);
    expect(hits).toBe(1);
  });

  it('fetches again for an unknown kid once the cooldown has passed, and drops removed keys', async () => {
    const keySet = new JwksKeySet(await serve(), { maxAgeMs: 60_000, cooldownMs: 0, timeoutMs: 2_000 });
    await keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' });
    document = { keys: [{ ...ecJwk, kid: 'ec-2' }] };
    await expect(keySet.keyFor({ kid: 'ec-2', alg: 'ES256' })).resolves.toBeDefined();
    await expect(keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' })).rejects.toThrow(UnknownSigningKeyError);
  });

  it('fetches an aged set again in the background, so a removed key stops working without an unknown kid', async () => {
    const keySet = new JwksKeySet(await serve(), { maxAgeMs: 0, cooldownMs: 0, timeoutMs: 2_000 });
    await keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' });
    document = { keys: [ecJwk] };
    // Served from the aged set while the new one is fetched.
    await expect(keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' })).resolves.toBeDefined();
    await keySet.refresh();
    expect(keySet.state()).toMatchObject({ keys: 1 });
    expect(hits).toBeGreaterThanOrEqual(2);
  });

  it('keeps the fetched keys when a fetch fails, and reports why', async () => {
    const keySet = new JwksKeySet(await serve(), { maxAgeMs: 60_000, cooldownMs: 0, timeoutMs: 2_000 });
    await keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' });
    document = { error: 'maintenance' };
    await expect(keySet.keyFor({ kid: 'unknown', alg: 'RS256' })).rejects.toThrow(UnknownSigningKeyError);
    await expect(keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' })).resolves.toBeDefined();
    expect(keySet.state()).toMatchObject({ loaded: true, keys: 2, lastError: 'the response is not a JWKS document (no "keys" array)' });
  });

  it('is not loaded while the provider cannot be reached', async () => {
    const keySet = new JwksKeySet('http://127.0.0.1:9/jwks', { maxAgeMs: 60_000, cooldownMs: 0, timeoutMs: 2_000 });
    await expect(keySet.keyFor({ kid: 'rsa-1', alg: 'RS256' })).rejects.toThrow(UnknownSigningKeyError);
    expect(keySet.state()).toMatchObject({ loaded: false, keys: 0, fetchedAt: null, lastError: expect.any(String) });
  });
});

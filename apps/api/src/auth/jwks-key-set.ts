import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Logger } from '@nestjs/common';

/** Token algorithms a provider's keys may verify, by the key type each needs. */
export const KEY_SET_ALGORITHMS = ['RS256', 'ES256'] as const;
export type KeySetAlgorithm = (typeof KEY_SET_ALGORITHMS)[number];

export interface KeySetTimings {
  /** How long a fetched key set is used before it is fetched again (in the background). */
  maxAgeMs: number;
  /** Least time between two fetches, whatever asks for them: random `kid`s cannot make us hammer the provider. */
  cooldownMs: number;
  /** A fetch that takes longer fails. */
  timeoutMs: number;
}

export interface KeySetState {
  /** Whether a key set has been fetched: without one, every key is unknown. */
  loaded: boolean;
  keys: number;
  fetchedAt: string | null;
  /** Why the latest fetch failed; null when it succeeded. */
  lastError: string | null;
}

export class UnknownSigningKeyError extends Error {}

interface SigningKey {
  kid: string | null;
  algorithm: KeySetAlgorithm;
  key: KeyObject;
}

/** The key type (and curve) each algorithm needs; a key with a declared `alg` must agree. */
function algorithmOf(jwk: JsonWebKey & { alg?: unknown }): KeySetAlgorithm | null {
  const algorithm = jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : null;
  return algorithm !== null && (jwk.alg === undefined || jwk.alg === algorithm) ? algorithm : null;
}

/** Signature keys of a JWKS document; encryption keys, other types and keys that do not parse are left out. */
export function signingKeysOf(document: unknown): SigningKey[] {
  const entries = typeof document === 'object' && document !== null && Array.isArray((document as { keys?: unknown }).keys) ? (document as { keys: unknown[] }).keys : null;
  if (entries === null) throw new Error('the response is not a JWKS document (no "keys" array)');
  const keys: SigningKey[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const jwk = entry as JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown };
    const algorithm = algorithmOf(jwk);
    if (algorithm === null || (jwk.use !== undefined && jwk.use !== 'sig') || jwk.d !== undefined) continue;
    try {
      keys.push({ kid: typeof jwk.kid === 'string' ? jwk.kid : null, algorithm, key: createPublicKey({ key: jwk, format: 'jwk' }) });
    } catch {
      // A malformed key must not take the provider's other keys down with it.
    }
  }
  return keys;
}

/**
 * An identity provider's published keys (its JWKS URL), chosen by `kid`. Fetched at start, again in the
 * background once older than maxAge, and at once for a `kid` we do not know (key rotation, no restart),
 * never more often than once per cooldown. When a fetch fails the last fetched keys stay in use;
 * a key we never fetched is unknown, so the token is refused.
 */
export class JwksKeySet {
  private readonly logger = new Logger('Auth');
  private keys: SigningKey[] = [];
  private fetchedAt: number | null = null;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastError: string | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    readonly url: string,
    private readonly timings: KeySetTimings,
  ) {}

  /** The key for a token's header, fetching the set again when the `kid` is unknown (cooldown allowing). */
  async keyFor(header: { kid?: unknown; alg?: unknown }): Promise<KeyObject> {
    if (this.fetchedAt !== null && Date.now() - this.fetchedAt > this.timings.maxAgeMs) void this.refresh();
    const found = this.find(header) ?? (await this.refresh(), this.find(header));
    if (found === null) throw new UnknownSigningKeyError(`no key in the identity provider's key set matches kid ${JSON.stringify(header.kid ?? null)} and alg ${JSON.stringify(header.alg ?? null)}`);
    return found;
  }

  /** For readiness; starts a fetch when none has succeeded yet (cooldown allowing). */
  state(): KeySetState {
    if (this.fetchedAt === null) void this.refresh();
    return {
      loaded: this.fetchedAt !== null,
      keys: this.keys.length,
      fetchedAt: this.fetchedAt === null ? null : new Date(this.fetchedAt).toISOString(),
      lastError: this.lastError,
    };
  }

  /** Fetches the set unless a fetch is under way (then joins it) or the cooldown has not passed. Never throws. */
  refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (Date.now() - this.lastAttemptAt < this.timings.cooldownMs) return Promise.resolve();
    this.lastAttemptAt = Date.now();
    this.inFlight = this.fetchKeys().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private find(header: { kid?: unknown; alg?: unknown }): KeyObject | null {
    const candidates = this.keys.filter((key) => key.algorithm === header.alg);
    // Without a `kid`, only a set with a single key for the algorithm is unambiguous.
    const match = typeof header.kid === 'string' ? candidates.find((key) => key.kid === header.kid) : candidates.length === 1 ? candidates[0] : undefined;
    return match?.key ?? null;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(this.timings.timeoutMs), headers: { accept: 'application/json' }, redirect: 'error' });
      if (!response.ok) throw new Error(`the provider answered ${response.status}`);
      const keys = signingKeysOf(await response.json());
      if (keys.length === 0) throw new Error('the key set holds no RS256 or ES256 signature key');
      this.keys = keys;
      this.fetchedAt = Date.now();
      if (this.lastError !== null) this.logger.log(`the identity provider's key set is reachable again (${keys.length} keys)`);
      this.lastError = null;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.lastError === null) this.logger.warn(`fetching the identity provider's key set from ${this.url} failed: ${reason}`);
      this.lastError = reason;
    }
  }
}

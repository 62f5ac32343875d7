import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiEnvironment } from '../config/api-environment.js';
import { JwksKeySet } from './jwks-key-set.js';
import { type JwtVerificationSettings, jwtVerificationSettings } from './jwt-settings.js';
import { type ClaimsMapping, type JwtClaims, type Principal, principalFromClaims } from './principal.js';

/** A job's stream and the jobs feed: the routes EventSource clients open. */
const STREAM_ROUTES = /^\/v1\/jobs\/(?:[^/]+\/stream|events)$/;

/** EventSource cannot send headers: on the stream routes only, `?access_token=` carries the token. */
function streamAccessToken(request: Request): string | null {
  const token = request.query['access_token'];
  return request.method === 'GET' && STREAM_ROUTES.test(request.path) && typeof token === 'string' ? token : null;
}

type KeyCallback = (error: Error | null, key?: Buffer) => void;

/**
 * The key for a token by its header's `alg`: each algorithm has one source (the secret for HS256; the
 * public key or the provider's key set for RS256/ES256), so no token can pick a key meant for another.
 */
function keyResolver(settings: JwtVerificationSettings, keySet: JwksKeySet | null): (header: { alg?: unknown; kid?: unknown }) => Promise<KeyObject> {
  // Parsed once: given a string, jsonwebtoken would parse the key on every request.
  const secret = settings.secret === null ? null : createSecretKey(Buffer.from(settings.secret));
  const publicKey = settings.publicKey === null ? null : createPublicKey(settings.publicKey);
  return async (header) => {
    if (header.alg === 'HS256' && secret !== null) return secret;
    if (header.alg === 'RS256' || header.alg === 'ES256') {
      if (publicKey !== null) return publicKey;
      if (keySet !== null) return keySet.keyFor(header);
    }
    throw new Error(`invalid algorithm: ${String(header.alg)} is not accepted`);
  };
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly claims: ClaimsMapping;

  constructor(env: ApiEnvironment, @Inject(JwksKeySet) keySet: JwksKeySet | null) {
    const settings = jwtVerificationSettings(env);
    const resolveKey = keyResolver(settings, keySet);
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), streamAccessToken]),
      // jsonwebtoken accepts a KeyObject, which passport-jwt's types do not know of.
      secretOrKeyProvider: (_request: Request, token: string, done: KeyCallback) => {
        const decoded = jwt.decode(token, { complete: true });
        if (decoded === null) return done(new Error('jwt malformed'));
        resolveKey(decoded.header).then(
          (key) => done(null, key as unknown as Buffer),
          (error: Error) => done(error),
        );
      },
      algorithms: settings.algorithms,
      ignoreExpiration: false,
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
    this.claims = settings.claims;
  }

  validate(claims: JwtClaims): Principal | false {
    return principalFromClaims(claims, this.claims) ?? false;
  }
}

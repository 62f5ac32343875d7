import { createPublicKey, createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiEnvironment } from '../config/api-environment.js';
import { jwtVerificationSettings } from './jwt-settings.js';
import { type JwtClaims, type Principal, principalFromClaims } from './principal.js';

/** A job's stream and the jobs feed: the routes EventSource clients open. */
const STREAM_ROUTES = /^\/v1\/jobs\/(?:[^/]+\/stream|events)$/;

/** EventSource cannot send headers: on the stream routes only, `?access_token=` carries the token. */
function streamAccessToken(request: Request): string | null {
  const token = request.query['access_token'];
  return request.method === 'GET' && STREAM_ROUTES.test(request.path) && typeof token === 'string' ? token : null;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: ApiEnvironment) {
    const settings = jwtVerificationSettings(env);
    // Parsed once: given a string, jsonwebtoken parses it on every request (as a public key first,
    // failing with an exception, then as a secret). It accepts a KeyObject, which passport-jwt's
    // types do not know of.
    const key = settings.algorithms.includes('HS256') ? createSecretKey(Buffer.from(settings.key)) : createPublicKey(settings.key);
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), streamAccessToken]),
      secretOrKeyProvider: (_request: Request, _token: string, done: (error: null, key: Buffer) => void) => done(null, key as unknown as Buffer),
      algorithms: settings.algorithms,
      ignoreExpiration: false,
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
  }

  validate(claims: JwtClaims): Principal | false {
    return principalFromClaims(claims) ?? false;
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ApiEnvironment } from '../config/api-environment.js';
import { jwtVerificationSettings } from './jwt-settings.js';
import { type JwtClaims, type Principal, principalFromClaims } from './principal.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: ApiEnvironment) {
    const settings = jwtVerificationSettings(env);
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: settings.key,
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

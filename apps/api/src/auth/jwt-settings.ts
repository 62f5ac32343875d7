import type { Algorithm } from 'jsonwebtoken';
import type { ApiEnvironment } from '../config/api-environment.js';
import { DEVELOPMENT_JWT_SECRET } from '../config/development-secret.js';

export interface JwtVerificationSettings {
  key: string;
  algorithms: Algorithm[];
  issuer?: string;
  audience?: string;
  usesDevelopmentSecret: boolean;
}

/**
 * HS256 with JWT_SECRET, or RS256/ES256 with JWT_PUBLIC_KEY. The accepted algorithms are pinned,
 * so `alg: none` and HS/RS confusion (an HS256 token signed with the public key) are refused.
 */
export function jwtVerificationSettings(env: ApiEnvironment): JwtVerificationSettings {
  const common = {
    ...(env.JWT_ISSUER ? { issuer: env.JWT_ISSUER } : {}),
    ...(env.JWT_AUDIENCE ? { audience: env.JWT_AUDIENCE } : {}),
  };
  if (env.JWT_PUBLIC_KEY) {
    return { key: env.JWT_PUBLIC_KEY, algorithms: ['RS256', 'ES256'], usesDevelopmentSecret: false, ...common };
  }
  return {
    key: env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    algorithms: ['HS256'],
    usesDevelopmentSecret: env.JWT_SECRET === undefined,
    ...common,
  };
}

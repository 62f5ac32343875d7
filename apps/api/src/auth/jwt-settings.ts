import type { Algorithm } from 'jsonwebtoken';
import type { ApiEnvironment } from '../config/api-environment.js';
import { DEVELOPMENT_JWT_SECRET } from '../config/development-secret.js';
import type { ClaimsMapping } from './principal.js';

export interface JwtVerificationSettings {
  /** The HS256 secret; null when HS256 tokens are refused (a public key or a JWKS URL without JWT_SECRET). */
  secret: string | null;
  /** A PEM public key verifying RS256/ES256 tokens. */
  publicKey: string | null;
  /** An identity provider's key set verifying RS256/ES256 tokens, by `kid`. */
  jwksUrl: string | null;
  algorithms: Algorithm[];
  issuer?: string;
  audience?: string;
  usesDevelopmentSecret: boolean;
  claims: ClaimsMapping;
  /** What CURSOR_SECRET's default is derived from: the secret, else the public key or the JWKS URL. */
  keyMaterial: string;
}

/**
 * HS256 with JWT_SECRET, RS256/ES256 with JWT_PUBLIC_KEY, or RS256/ES256 with JWT_JWKS_URL, to which
 * JWT_SECRET may add HS256 (service tokens minted with `pnpm token`). Each algorithm has one key source
 * and the accepted algorithms are pinned, so `alg: none` and HS/RS confusion (an HS256 token signed
 * with a public key) are refused.
 */
export function jwtVerificationSettings(env: ApiEnvironment): JwtVerificationSettings {
  const common = {
    ...(env.JWT_ISSUER ? { issuer: env.JWT_ISSUER } : {}),
    ...(env.JWT_AUDIENCE ? { audience: env.JWT_AUDIENCE } : {}),
    claims: { subjectClaim: env.JWT_SUBJECT_CLAIM, orgClaim: env.JWT_ORG_CLAIM, rolesClaim: env.JWT_ROLES_CLAIM, adminRole: env.JWT_ADMIN_ROLE },
  };
  if (env.JWT_PUBLIC_KEY) {
    return { secret: null, publicKey: env.JWT_PUBLIC_KEY, jwksUrl: null, algorithms: ['RS256', 'ES256'], usesDevelopmentSecret: false, keyMaterial: env.JWT_PUBLIC_KEY, ...common };
  }
  if (env.JWT_JWKS_URL) {
    const secret = env.JWT_SECRET ?? null;
    return {
      secret,
      publicKey: null,
      jwksUrl: env.JWT_JWKS_URL,
      algorithms: secret === null ? ['RS256', 'ES256'] : ['RS256', 'ES256', 'HS256'],
      usesDevelopmentSecret: false,
      keyMaterial: secret ?? env.JWT_JWKS_URL,
      ...common,
    };
  }
  const secret = env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  return { secret, publicKey: null, jwksUrl: null, algorithms: ['HS256'], usesDevelopmentSecret: env.JWT_SECRET === undefined, keyMaterial: secret, ...common };
}

import { randomUUID } from 'node:crypto';
import jwt, { type Algorithm, type SignOptions } from 'jsonwebtoken';

/** The HS256 secret test stacks give the API. */
export const TEST_JWT_SECRET = 'test-only-jwt-secret-with-at-least-32-characters';

export interface TokenClaims {
  sub?: string;
  org?: string;
  roles?: string[];
  [claim: string]: unknown;
}

export function mintToken(
  claims: TokenClaims,
  options: SignOptions & { key?: string } = {},
): string {
  const { key = TEST_JWT_SECRET, ...signOptions } = options;
  const lifetime: SignOptions = 'exp' in claims ? {} : { expiresIn: '5m' };
  return jwt.sign(claims, key, { algorithm: 'HS256' as Algorithm, ...lifetime, ...signOptions });
}

/** A subject no other test uses, so each test owns its data. */
export function uniqueSubject(prefix = 'user'): string {
  return `${prefix}-${randomUUID()}`;
}

/** Who is calling, from the verified token. */
export interface Principal {
  /** The subject claim: owner of the jobs this caller creates. */
  sub: string;
  /** The organisation claim: jobs created with it are visible to every member. */
  org: string | null;
  roles: string[];
  isAdmin: boolean;
  /** The token's `exp`, in epoch seconds; null without one. */
  expiresAt: number | null;
}

/** A verified token's payload. */
export type JwtClaims = Record<string, unknown>;

/**
 * Which claims hold the subject, the organisation and the roles, and which role grants admin.
 * Providers differ: `roles`, `groups`, `https://example.com/roles`, `scope`, `realm_access.roles`.
 */
export interface ClaimsMapping {
  subjectClaim: string;
  orgClaim: string;
  rolesClaim: string;
  adminRole: string;
}

export const DEFAULT_CLAIMS_MAPPING: ClaimsMapping = { subjectClaim: 'sub', orgClaim: 'org', rolesClaim: 'roles', adminRole: 'admin' };

const MAX_IDENTIFIER_LENGTH = 255;

/**
 * A claim by name: the top-level claim of exactly that name (so namespaced claims such as
 * `https://example.com/roles` work), else a dotted path into nested objects (`realm_access.roles`).
 */
export function claimValue(claims: JwtClaims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const segment of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function identifier(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_IDENTIFIER_LENGTH ? value : null;
}

/** An array of strings (other entries ignored), or a space-separated string as in OAuth's `scope`. */
function roleList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter((role) => role.length > 0);
  return Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
}

/** Null when the claims do not name a usable subject. Malformed org and roles are ignored, never trusted. */
export function principalFromClaims(claims: JwtClaims, mapping: ClaimsMapping = DEFAULT_CLAIMS_MAPPING): Principal | null {
  const sub = identifier(claimValue(claims, mapping.subjectClaim));
  if (sub === null) return null;
  const roles = roleList(claimValue(claims, mapping.rolesClaim));
  const expiresAt = typeof claims['exp'] === 'number' && Number.isFinite(claims['exp']) ? claims['exp'] : null;
  return { sub, org: identifier(claimValue(claims, mapping.orgClaim)), roles, isAdmin: roles.includes(mapping.adminRole), expiresAt };
}

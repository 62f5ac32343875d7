/** Who is calling, from the verified token. */
export interface Principal {
  /** `sub`: owner of the jobs this caller creates. */
  sub: string;
  /** `org`: jobs created with it are visible to every member. */
  org: string | null;
  roles: string[];
  isAdmin: boolean;
  /** The token's `exp`, in epoch seconds; null without one. */
  expiresAt: number | null;
}

export interface JwtClaims {
  sub?: unknown;
  org?: unknown;
  roles?: unknown;
  exp?: unknown;
}

export const ADMIN_ROLE = 'admin';

/** Null when the claims do not name a usable subject. */
export function principalFromClaims(claims: JwtClaims): Principal | null {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 255) return null;
  const org = typeof claims.org === 'string' && claims.org.length > 0 && claims.org.length <= 255 ? claims.org : null;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  const expiresAt = typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp : null;
  return { sub: claims.sub, org, roles, isAdmin: roles.includes(ADMIN_ROLE), expiresAt };
}

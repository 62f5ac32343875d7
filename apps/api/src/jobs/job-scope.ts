import { ErrorCode } from '@jobs/contracts';
import { Prisma } from '@jobs/database';
import type { Principal } from '../auth/principal.js';
import { ProblemException } from '../problems/problem.exception.js';

/** Whose jobs a list, count or statistic covers. */
export type JobScope =
  | { kind: 'all' }
  | { kind: 'owner'; ownerId: string }
  | { kind: 'member'; sub: string; org: string | null };

/** The caller's own and organisation's jobs; admins may widen it to `scope=all` or one `ownerId`. */
export function resolveScope(principal: Principal, request: { scope?: 'all'; ownerId?: string }): JobScope {
  if ((request.scope || request.ownerId) && !principal.isAdmin) {
    throw new ProblemException(403, ErrorCode.FORBIDDEN, 'scope=all and ownerId need the admin role.');
  }
  if (request.ownerId) return { kind: 'owner', ownerId: request.ownerId };
  if (request.scope === 'all') return { kind: 'all' };
  return { kind: 'member', sub: principal.sub, org: principal.org };
}

export function scopeSql(scope: JobScope): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'owner':
      return Prisma.sql`owner_id = ${scope.ownerId}`;
    case 'member':
      return scope.org === null
        ? Prisma.sql`owner_id = ${scope.sub}`
        : Prisma.sql`(owner_id = ${scope.sub} OR org_id = ${scope.org})`;
  }
}

/**
 * The scope as conditions whose union it is, each served by an index of its own: an organisation
 * member's own jobs, and the organisation's. `disjoint` leaves the organisation's jobs out of the
 * first, for sums (checked from the index alone); without it, the first branch can stop early.
 */
export function scopeBranches(scope: JobScope, options: { disjoint: boolean }): Prisma.Sql[] {
  if (scope.kind !== 'member' || scope.org === null) return [scopeSql(scope)];
  const own = options.disjoint
    ? Prisma.sql`owner_id = ${scope.sub} AND org_id IS DISTINCT FROM ${scope.org}`
    : Prisma.sql`owner_id = ${scope.sub}`;
  return [own, Prisma.sql`org_id = ${scope.org}`];
}

export function scopeCacheKey(scope: JobScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'owner':
      return `owner:${scope.ownerId}`;
    case 'member':
      return `member:${scope.sub}:${scope.org ?? ''}`;
  }
}

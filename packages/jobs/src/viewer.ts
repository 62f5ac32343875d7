import { Prisma } from '@jobs/database';
import { JobsError } from './errors.js';

/** Who is asking: the token's subject, organisation and whether it holds the admin role. */
export interface Viewer {
  sub: string;
  org: string | null;
  isAdmin: boolean;
}

/** Whose jobs a read, count or deletion covers. */
export type JobScope =
  | { kind: 'all' }
  | { kind: 'owner'; ownerId: string }
  | { kind: 'member'; sub: string; org: string | null };

/**
 * The jobs a viewer may see: an admin every job; anyone else their own and their organisation's.
 * One rule for single jobs, listings, statistics, deletions and streams, so another owner's job is
 * simply not found (404) and ids cannot be probed.
 */
export function visibleScope(viewer: Viewer): JobScope {
  return viewer.isAdmin ? { kind: 'all' } : { kind: 'member', sub: viewer.sub, org: viewer.org };
}

/**
 * The scope of a listing or statistic: the viewer's own and organisation's jobs, which admins may
 * widen to every owner (`scope=all`) or narrow to one (`ownerId`).
 */
export function requestedScope(viewer: Viewer, request: { scope?: 'all'; ownerId?: string }): JobScope {
  if ((request.scope || request.ownerId) && !viewer.isAdmin) throw JobsError.forbidden('scope=all and ownerId need the admin role.');
  if (request.ownerId) return { kind: 'owner', ownerId: request.ownerId };
  if (request.scope === 'all') return { kind: 'all' };
  return { kind: 'member', sub: viewer.sub, org: viewer.org };
}

/** Who may change (cancel, retry, delete) a job they can see: its owner or an admin; an organisation member may only look. */
function mayChange(viewer: Viewer, job: { ownerId: string }): boolean {
  return viewer.isAdmin || job.ownerId === viewer.sub;
}

/** The same rule as {@link mayChange}, as a condition on `jobs`: for changes by filter. */
export function mayChangeSql(viewer: Viewer): Prisma.Sql {
  return viewer.isAdmin ? Prisma.sql`TRUE` : Prisma.sql`owner_id = ${viewer.sub}`;
}

export function assertMayChange(viewer: Viewer, job: { ownerId: string }): void {
  if (!mayChange(viewer, job)) throw JobsError.forbidden('Only the owner of a job or an admin can change it.');
}

/** Whether a job is in the scope: the same rule as {@link scopeSql}, for jobs known from a notification rather than read. */
export function scopeIncludes(scope: JobScope, job: { ownerId: string; orgId: string | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'owner':
      return job.ownerId === scope.ownerId;
    case 'member':
      return job.ownerId === scope.sub || (scope.org !== null && job.orgId === scope.org);
  }
}

/** The scope as a condition on `jobs` (optionally qualified by a table alias). */
export function scopeSql(scope: JobScope, alias = ''): Prisma.Sql {
  const column = (name: string) => Prisma.raw(alias ? `${alias}.${name}` : name);
  switch (scope.kind) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'owner':
      return Prisma.sql`${column('owner_id')} = ${scope.ownerId}`;
    case 'member':
      return scope.org === null
        ? Prisma.sql`${column('owner_id')} = ${scope.sub}`
        : Prisma.sql`(${column('owner_id')} = ${scope.sub} OR ${column('org_id')} = ${scope.org})`;
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

/**
 * A stable key per scope, for caches of per-scope figures. JSON keeps the parts apart: subjects and
 * organisations are the token issuer's strings and may hold any separator (`a:b` with no
 * organisation must not share a key with `a` in organisation `b:`).
 */
export function scopeKey(scope: JobScope): string {
  switch (scope.kind) {
    case 'all':
      return JSON.stringify(['all']);
    case 'owner':
      return JSON.stringify(['owner', scope.ownerId]);
    case 'member':
      return JSON.stringify(['member', scope.sub, scope.org]);
  }
}

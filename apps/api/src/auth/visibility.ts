import type { Prisma } from '@jobs/database';
import type { Principal } from './principal.js';

/**
 * The jobs a caller may see: their own, their organisation's, or any for an admin. Used in every
 * query, so another owner's job simply is not found (404) and ids cannot be probed.
 */
export function visibleJobs(principal: Principal): Prisma.JobWhereInput {
  if (principal.isAdmin) return {};
  return principal.org ? { OR: [{ ownerId: principal.sub }, { orgId: principal.org }] } : { ownerId: principal.sub };
}

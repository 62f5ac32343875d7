import { Prisma, type TransactionClient } from '@jobs/database';
import { type JobScope, scopeBranches } from '../viewer.js';
import { SCHEDULE_COLUMNS, type ScheduleRecord } from './schedule-record.js';

/** Which schedules a listing covers. */
export interface ScheduleFilters {
  scope: JobScope;
  types?: string[];
  enabled?: boolean;
}

/** A page of schedules, newest first: `take` rows after the keyset position `after` (the previous page's last). */
export async function listSchedules(db: TransactionClient, filters: ScheduleFilters, page: { take: number; after?: { createdAt: Date; id: string } }): Promise<ScheduleRecord[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.types?.length) conditions.push(Prisma.sql`type = ANY(${filters.types}::text[])`);
  if (filters.enabled !== undefined) conditions.push(Prisma.sql`enabled = ${filters.enabled}`);
  if (page.after) conditions.push(Prisma.sql`(created_at, id) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`);
  const where = Prisma.join(conditions, ' AND ');
  // An organisation member's scope is the union of its branches, each read along its own index.
  const branches = scopeBranches(filters.scope, { disjoint: false }).map(
    (branch) => Prisma.sql`(SELECT id FROM schedules WHERE ${branch} AND ${where} ORDER BY created_at DESC, id DESC LIMIT ${page.take})`,
  );
  return db.$queryRaw<ScheduleRecord[]>`
    SELECT ${SCHEDULE_COLUMNS} FROM schedules s WHERE s.id IN (${Prisma.join(branches, ' UNION ')})
     ORDER BY s.created_at DESC, s.id DESC LIMIT ${page.take}`;
}

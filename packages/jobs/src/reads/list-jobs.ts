import type { JobSortField, SortOrder } from '@jobs/contracts';
import { Prisma, type TransactionClient } from '@jobs/database';
import { type JobSummaryRecord, SUMMARY_COLUMNS } from '../records/job-record.js';
import { type JobScope, scopeBranches } from '../viewer.js';
import { canBeUnfinished, conditionsSql, type JobFilters } from './job-filters.js';

export interface PageRequest {
  sort: JobSortField;
  order: SortOrder;
  /** Rows to read: the page size plus one, to know whether more follow. */
  take: number;
  /** Where the previous page ended (keyset), or… */
  after?: { value: Date | number | null; id: string };
  /** …rows to skip. */
  offset?: number;
}

const SORT_COLUMNS: Record<JobSortField, Prisma.Sql> = {
  createdAt: Prisma.raw('created_at'),
  updatedAt: Prisma.raw('updated_at'),
  finishedAt: Prisma.raw('finished_at'),
  priority: Prisma.raw('priority'),
};

/** The cursor's sort value, typed like its column so the row comparison can use the index. */
function sortValue(sort: JobSortField, value: Date | number | null): Prisma.Sql {
  return sort === 'priority' ? Prisma.sql`${value}::int` : Prisma.sql`${value}::timestamptz`;
}

/**
 * A page of jobs. Keyset pages use row comparisons (`(created_at, id) < (…)`), which let PostgreSQL
 * start an index scan right at the cursor instead of filtering up to it.
 */
export async function listJobs(db: TransactionClient, filters: JobFilters, page: PageRequest): Promise<JobSummaryRecord[]> {
  const where = conditionsSql(filters);
  const column = SORT_COLUMNS[page.sort];
  const direction = Prisma.raw(page.order === 'asc' ? 'ASC' : 'DESC');
  const comparison = Prisma.raw(page.order === 'asc' ? '>' : '<');
  const read = (condition: Prisma.Sql, columns: Prisma.Sql, orderBy: Prisma.Sql, take: number, offset = 0) =>
    selectPage(db, filters.scope, { where: condition, columns, orderBy, take, offset, indexOrdered: page.sort === 'createdAt' });
  if (page.offset !== undefined) {
    return read(where, Prisma.sql`${column}`, Prisma.sql`${column} ${direction} NULLS LAST, id ${direction}`, page.take, page.offset);
  }
  if (page.sort !== 'finishedAt') {
    const keyset = page.after ? Prisma.sql` AND (${column}, id) ${comparison} (${sortValue(page.sort, page.after.value)}, ${page.after.id}::uuid)` : Prisma.empty;
    return read(Prisma.sql`${where}${keyset}`, Prisma.sql`${column}`, Prisma.sql`${column} ${direction}, id ${direction}`, page.take);
  }
  // finishedAt is null until a job ends: finished jobs come first in either order, unfinished
  // ones after them by id; each part is read in index order.
  const rows: JobSummaryRecord[] = [];
  if (page.after?.value !== null) {
    const keyset = page.after ? Prisma.sql` AND (finished_at, id) ${comparison} (${sortValue(page.sort, page.after.value)}, ${page.after.id}::uuid)` : Prisma.empty;
    const finished = Prisma.sql`${where} AND finished_at IS NOT NULL${keyset}`;
    rows.push(...(await read(finished, Prisma.sql`finished_at`, Prisma.sql`finished_at ${direction}, id ${direction}`, page.take)));
  }
  if (rows.length < page.take && canBeUnfinished(filters)) {
    const keyset = page.after?.value === null ? Prisma.sql` AND id ${comparison} ${page.after.id}::uuid` : Prisma.empty;
    const unfinished = Prisma.sql`${where} AND finished_at IS NULL${keyset}`;
    rows.push(...(await read(unfinished, Prisma.sql`finished_at`, Prisma.sql`id ${direction}`, page.take - rows.length)));
  }
  return rows;
}

interface ScopedQuery {
  where: Prisma.Sql;
  /** The sort column, read alongside the id where the scope's rows are sorted first. */
  columns: Prisma.Sql;
  orderBy: Prisma.Sql;
  take: number;
  offset: number;
  /** True when an index of the scope itself is in `orderBy` order (owner or organisation, then created_at). */
  indexOrdered: boolean;
}

/**
 * One page in `orderBy`. An organisation member's scope is read as the union of its two branches,
 * each stopping after the rows the page can use. Within one owner or organisation, a sort that no
 * index of that scope serves reads the scope's rows first and sorts them (bounded by the scope's
 * size), rather than letting the planner walk a global sort index past everybody's jobs.
 */
function selectPage(db: TransactionClient, scope: JobScope, query: ScopedQuery): Promise<JobSummaryRecord[]> {
  const { where, columns, orderBy, take, offset } = query;
  const fenced = scope.kind !== 'all' && !query.indexOrdered;
  const branches = scopeBranches(scope, { disjoint: false }).map((branch) =>
    fenced
      ? Prisma.sql`(SELECT id FROM (SELECT id, ${columns} FROM jobs WHERE ${branch} AND ${where} OFFSET 0) AS scoped
                     ORDER BY ${orderBy} LIMIT ${take + offset})`
      : Prisma.sql`(SELECT id FROM jobs WHERE ${branch} AND ${where} ORDER BY ${orderBy} LIMIT ${take + offset})`,
  );
  return db.$queryRaw<JobSummaryRecord[]>`
    SELECT ${SUMMARY_COLUMNS} FROM jobs j WHERE j.id IN (${Prisma.join(branches, ' UNION ')})
     ORDER BY ${orderBy} LIMIT ${take} OFFSET ${offset}`;
}

import { type JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import { Prisma } from '@jobs/database';
import { type JobScope, scopeSql } from '../viewer.js';

/** Which jobs a listing, count or purge covers. */
export interface JobFilters {
  scope: JobScope;
  types?: string[];
  statuses?: JobStatus[];
  resultTypes?: string[];
  /** The error code a failed job (or an attempt that will be retried) recorded. */
  errorCodes?: string[];
  /** Job types left out: those a wider rule does not cover (retention's per-type ages). */
  excludedTypes?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  finishedFrom?: Date;
  finishedTo?: Date;
  /** Text in the type or metadata (case-insensitive). */
  q?: string;
  /** Jobs made by this schedule's firings. */
  scheduleId?: string;
}

/** Every filter, the scope included, as one condition on `jobs`. */
export function filtersSql(filters: JobFilters): Prisma.Sql {
  return Prisma.sql`${scopeSql(filters.scope)} AND ${conditionsSql(filters)}`;
}

/** Every filter but the scope. */
export function conditionsSql(filters: JobFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.types?.length) conditions.push(Prisma.sql`type = ANY(${filters.types}::text[])`);
  if (filters.statuses?.length) conditions.push(Prisma.sql`status = ANY(${filters.statuses}::"JobStatus"[])`);
  if (filters.resultTypes?.length) conditions.push(Prisma.sql`result_type = ANY(${filters.resultTypes}::text[])`);
  if (filters.errorCodes?.length) conditions.push(Prisma.sql`error_code = ANY(${filters.errorCodes}::text[])`);
  if (filters.excludedTypes?.length) conditions.push(Prisma.sql`type <> ALL(${filters.excludedTypes}::text[])`);
  if (filters.createdFrom) conditions.push(Prisma.sql`created_at >= ${filters.createdFrom}`);
  if (filters.createdTo) conditions.push(Prisma.sql`created_at < ${filters.createdTo}`);
  if (filters.finishedFrom) conditions.push(Prisma.sql`finished_at >= ${filters.finishedFrom}`);
  if (filters.finishedTo) conditions.push(Prisma.sql`finished_at < ${filters.finishedTo}`);
  if (filters.scheduleId) conditions.push(Prisma.sql`schedule_id = ${filters.scheduleId}::uuid`);
  if (filters.q) conditions.push(Prisma.sql`search_text LIKE ${`%${escapeLike(filters.q.toLowerCase())}%`}`);
  return Prisma.join(conditions, ' AND ');
}

/** Whether the filters admit a job that has not finished (finishedAt null). */
export function canBeUnfinished(filters: JobFilters): boolean {
  const terminalOnly = filters.statuses !== undefined && filters.statuses.length > 0 && filters.statuses.every((status) => TERMINAL_JOB_STATUSES.includes(status));
  return !filters.finishedFrom && !filters.finishedTo && !filters.resultTypes?.length && !terminalOnly;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

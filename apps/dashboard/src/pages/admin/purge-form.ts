import { type AdminDeleteJobsQuery, JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';

/** The admin purge form as the user fills it in: dates as `<input type="datetime-local">` gives them (local time). */
export interface PurgeForm {
  createdBefore: string;
  finishedBefore: string;
  /** Finished statuses to delete. */
  statuses: readonly JobStatus[];
  /** Also delete PENDING and PROCESSING jobs. */
  includeActive: boolean;
  /** Comma-separated job types; empty means every type. */
  types: string;
  ownerId: string;
}

export const INITIAL_PURGE_FORM: PurgeForm = {
  createdBefore: '',
  finishedBefore: '',
  statuses: TERMINAL_JOB_STATUSES,
  includeActive: false,
  types: '',
  ownerId: '',
};

const ACTIVE_STATUSES: readonly JobStatus[] = [JobStatus.PENDING, JobStatus.PROCESSING];

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** A datetime-local value (the browser's local time) as an ISO instant; null when it is not one. */
export function localDateTimeToIso(value: string): string | null {
  if (!LOCAL_DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export type PurgeQuery = { ok: true; query: AdminDeleteJobsQuery } | { ok: false; problems: string[] };

/** The DELETE /v1/admin/jobs query the form stands for, or what to fix first (the API checks again). */
export function purgeQuery(form: PurgeForm): PurgeQuery {
  const problems: string[] = [];
  const query: AdminDeleteJobsQuery = {};
  for (const field of ['createdBefore', 'finishedBefore'] as const) {
    if (form[field] === '') continue;
    const instant = localDateTimeToIso(form[field]);
    if (instant === null) problems.push(`${field === 'createdBefore' ? 'Created before' : 'Finished before'} is not a date and time.`);
    else query[field] = instant;
  }
  if (form.createdBefore === '' && form.finishedBefore === '') problems.push('Give “created before”, “finished before” or both.');

  const statuses = [...form.statuses.filter((status) => TERMINAL_JOB_STATUSES.includes(status)), ...(form.includeActive ? ACTIVE_STATUSES : [])];
  if (statuses.length === 0) problems.push('Choose at least one status.');
  query.status = statuses;
  if (form.includeActive) query.includeActive = true;

  const types = [...new Set(form.types.split(',').map((type) => type.trim()).filter((type) => type !== ''))];
  if (types.length > 0) query.type = types;
  const ownerId = form.ownerId.trim();
  if (ownerId !== '') query.ownerId = ownerId;

  return problems.length > 0 ? { ok: false, problems } : { ok: true, query };
}

/** Whether what the user typed confirms deleting `count` jobs: the count itself, digits only. */
export function confirmsCount(typed: string, count: number): boolean {
  return typed.trim() === String(count);
}

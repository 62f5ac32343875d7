import type { JobStatus } from '@jobs/contracts';
import type { JobsListState } from './jobs-list-state.js';
import type { JobChange } from './row-updates.js';

/** A job the live feed announces (its `created` events). */
export interface JobCreation {
  id: string;
  type: string;
  status: JobStatus;
  createdAt: string;
}

/** The first page newest first: where a new job appears at the top, so it is fetched rather than announced. */
export function showsNewestFirst(state: JobsListState): boolean {
  return state.cursor === null && state.sort === 'createdAt' && state.order === 'desc';
}

/**
 * Whether a new job may belong to the listing. Type, status and creation time are checked; a text
 * search cannot be (the event has no metadata), so it may; a job just created has no result and has
 * not finished or failed, so result-type, error-code and finish-time filters exclude it.
 */
export function creationMayMatch(creation: JobCreation, state: JobsListState): boolean {
  if (state.resultType.length > 0 || state.errorCode.length > 0 || state.finishedFrom !== null || state.finishedTo !== null) return false;
  if (!admits(state, creation.type, creation.status)) return false;
  const created = Date.parse(creation.createdAt);
  if (state.createdFrom !== null && created < instantTime(state.createdFrom)) return false;
  if (state.createdTo !== null && created >= instantTime(state.createdTo)) return false;
  return true;
}

/**
 * Whether a change to a job that is not on the page may bring it onto the first page: it now has a
 * status the filter asks for, or the page is sorted by the time of changes or finishes, newest first.
 * The page is read again to find out (the change alone cannot place it).
 */
export function changeMayEnter(change: JobChange & { type: string }, state: JobsListState): boolean {
  if (state.cursor !== null || !admits(state, change.type, change.status)) return false;
  return state.status.length > 0 || (state.order === 'desc' && (state.sort === 'updatedAt' || state.sort === 'finishedAt'));
}

function admits(state: JobsListState, type: string, status: JobStatus): boolean {
  return (state.type.length === 0 || state.type.includes(type)) && (state.status.length === 0 || state.status.includes(status));
}

function instantTime(instant: string): number {
  return /^\d+$/.test(instant) ? Number(instant) : Date.parse(instant);
}

import { type BulkJobsQuery, JOB_SORT_FIELDS, JobStatus, type JobSortField, LIST_LIMITS, type ListJobsQuery, SORT_ORDERS, type SortOrder } from '@jobs/contracts';

/**
 * What the jobs page shows — every filter of `GET /v1/jobs`, the sort, the page size and the cursor —
 * as it lives in the URL's query string, so that a view can be shared, bookmarked and walked through
 * with back and forward. Parsing drops what the API would refuse; writing omits the defaults.
 */
export interface JobsListState {
  status: JobStatus[];
  type: string[];
  resultType: string[];
  /** Error codes the jobs failed with. */
  errorCode: string[];
  /** Instants as the API reads them (ISO 8601 or Unix milliseconds); `to` bounds are exclusive. */
  createdFrom: string | null;
  createdTo: string | null;
  finishedFrom: string | null;
  finishedTo: string | null;
  q: string;
  sort: JobSortField;
  order: SortOrder;
  limit: number;
  cursor: string | null;
}

export const DEFAULT_JOBS_LIST_STATE: JobsListState = {
  status: [],
  type: [],
  resultType: [],
  errorCode: [],
  createdFrom: null,
  createdTo: null,
  finishedFrom: null,
  finishedTo: null,
  q: '',
  sort: 'createdAt',
  order: 'desc',
  limit: LIST_LIMITS.defaultLimit,
  cursor: null,
};

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The listing's own parameters; anything else in the URL (the admin's `view`) is left alone. */
const STATE_PARAMS = ['q', 'status', 'type', 'resultType', 'errorCode', 'createdFrom', 'createdTo', 'finishedFrom', 'finishedTo', 'sort', 'order', 'limit', 'cursor'] as const;
type InstantField = 'createdFrom' | 'createdTo' | 'finishedFrom' | 'finishedTo';
const INSTANT_FIELDS: readonly InstantField[] = ['createdFrom', 'createdTo', 'finishedFrom', 'finishedTo'];

/** The API's limits on its query (ListJobsQuery's validation). */
const MAX_NAMES = 50;
const MAX_NAME_LENGTH = 100;
const MAX_Q_LENGTH = 200;
const MAX_CURSOR_LENGTH = 2048;
/** The forms the API takes for an instant: Unix milliseconds, or an ISO 8601 date with an optional time. */
const INSTANT = /^(\d{1,15}|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)$/;
const STATUS_ORDER = Object.values(JobStatus);

/** The state a URL query asks for; a bad value is dropped (its default stands), never sent to the API. */
export function parseJobsListState(query: Readonly<Record<string, string | undefined>>): JobsListState {
  const state: JobsListState = { ...DEFAULT_JOBS_LIST_STATE };
  state.status = STATUS_ORDER.filter((status) => names(query['status']).includes(status));
  state.type = validNames(query['type']);
  state.resultType = validNames(query['resultType']);
  state.errorCode = validNames(query['errorCode']);
  for (const field of INSTANT_FIELDS) state[field] = validInstant(query[field]);
  const q = (query['q'] ?? '').trim();
  if (q.length <= MAX_Q_LENGTH) state.q = q;
  if (isOneOf(JOB_SORT_FIELDS, query['sort'])) state.sort = query['sort'];
  if (isOneOf(SORT_ORDERS, query['order'])) state.order = query['order'];
  const limit = Number(query['limit']);
  if (/^\d+$/.test(query['limit'] ?? '') && limit >= 1 && limit <= LIST_LIMITS.maxLimit) state.limit = limit;
  const cursor = query['cursor'] ?? '';
  if (cursor.length > 0 && cursor.length <= MAX_CURSOR_LENGTH) state.cursor = cursor;
  return state;
}

/**
 * The query string (with its `?`, or empty) for a state, keeping the URL's other parameters
 * (`others`, e.g. `view`) first and leaving every default out. Commas stay readable in lists.
 */
export function jobsListSearch(state: JobsListState, others: Readonly<Record<string, string | undefined>> = {}): string {
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(others)) {
    if (value !== undefined && !(STATE_PARAMS as readonly string[]).includes(key)) entries.push([key, value]);
  }
  if (state.q) entries.push(['q', state.q]);
  if (state.status.length) entries.push(['status', state.status.join(',')]);
  if (state.type.length) entries.push(['type', state.type.join(',')]);
  if (state.resultType.length) entries.push(['resultType', state.resultType.join(',')]);
  if (state.errorCode.length) entries.push(['errorCode', state.errorCode.join(',')]);
  for (const field of INSTANT_FIELDS) {
    const value = state[field];
    if (value !== null) entries.push([field, value]);
  }
  if (state.sort !== DEFAULT_JOBS_LIST_STATE.sort) entries.push(['sort', state.sort]);
  if (state.order !== DEFAULT_JOBS_LIST_STATE.order) entries.push(['order', state.order]);
  if (state.limit !== DEFAULT_JOBS_LIST_STATE.limit) entries.push(['limit', String(state.limit)]);
  if (state.cursor !== null) entries.push(['cursor', state.cursor]);
  if (entries.length === 0) return '';
  return `?${entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2C/g, ',')}`).join('&')}`;
}

/** The state with some filters changed: any change of what is listed starts again at the first page. */
export function withFilters(state: JobsListState, changes: Partial<Omit<JobsListState, 'cursor'>>): JobsListState {
  return { ...state, ...changes, cursor: null };
}

/** Every filter cleared, keeping the sort and page size the person chose. */
export function withoutFilters(state: JobsListState): JobsListState {
  return { ...DEFAULT_JOBS_LIST_STATE, sort: state.sort, order: state.order, limit: state.limit };
}

/** Whether any filter (not the sort, page size or cursor) narrows the list. */
export function hasFilters(state: JobsListState): boolean {
  return listingKey(withoutFilters(state)) !== listingKey(state);
}

/** `GET /v1/jobs`'s query for the state (the view scope is added by the caller). */
export function listJobsQuery(state: JobsListState): ListJobsQuery {
  const query: ListJobsQuery = { sort: state.sort, order: state.order, limit: state.limit, ...filterQuery(state) };
  if (state.cursor !== null) query.cursor = state.cursor;
  return query;
}

/**
 * `POST /v1/jobs/retry` and `/v1/jobs/cancel`'s query for every job the state's filters match, on
 * every page (the view scope is added by the caller); with no filter, `all` says that every job is meant.
 */
export function bulkJobsQuery(state: JobsListState, options: { dryRun: boolean }): BulkJobsQuery {
  return { ...filterQuery(state), ...(hasFilters(state) ? {} : { all: true }), ...(options.dryRun ? { dryRun: true } : {}) };
}

function filterQuery(state: JobsListState): BulkJobsQuery {
  const query: BulkJobsQuery = {};
  if (state.status.length) query.status = state.status;
  if (state.type.length) query.type = state.type;
  if (state.resultType.length) query.resultType = state.resultType;
  if (state.errorCode.length) query.errorCode = state.errorCode;
  for (const field of INSTANT_FIELDS) {
    const value = state[field];
    if (value !== null) query[field] = value;
  }
  if (state.q) query.q = state.q;
  return query;
}

/** What identifies the listing apart from the cursor: pages of one listing share it. */
export function listingKey(state: JobsListState): string {
  return jobsListSearch({ ...state, cursor: null });
}

function names(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function validNames(value: string | undefined): string[] {
  const valid = names(value).filter((name) => name.length <= MAX_NAME_LENGTH);
  return [...new Set(valid)].sort().slice(0, MAX_NAMES);
}

function validInstant(value: string | undefined): string | null {
  if (value === undefined || !INSTANT.test(value)) return null;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(new Date(time).getTime()) ? null : value;
}

function isOneOf<T extends string>(allowed: readonly T[], value: string | undefined): value is T {
  return (allowed as readonly (string | undefined)[]).includes(value);
}

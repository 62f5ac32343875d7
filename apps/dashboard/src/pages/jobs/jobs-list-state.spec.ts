import { describe, expect, it } from '@jest/globals';
import {
  bulkJobsQuery,
  DEFAULT_JOBS_LIST_STATE,
  hasFilters,
  type JobsListState,
  jobsListSearch,
  listingKey,
  listJobsQuery,
  parseJobsListState,
  withFilters,
  withoutFilters,
} from './jobs-list-state.js';

/** What preact-iso's `useLocation().query` gives for a query string. */
function queryOf(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

const everything: JobsListState = {
  status: ['PENDING', 'FAILED'],
  type: ['domain.similar', 'text.indicators'],
  resultType: ['indicators'],
  errorCode: ['Timeout', 'UpstreamDown'],
  createdFrom: '2026-12-01T00:00:00Z',
  createdTo: '2026-12-06',
  finishedFrom: '1764547200000',
  finishedTo: '2026-12-07T10:30:00+01:00',
  q: 'tenant=acme & co, 50%',
  sort: 'finishedAt',
  order: 'asc',
  limit: 25,
  cursor: 'eyJ2IjoxfQ.c2ln',
};

describe('the jobs list state in the URL', () => {
  it('survives a round trip through the query string, every field set', () => {
    expect(parseJobsListState(queryOf(jobsListSearch(everything)))).toEqual(everything);
  });

  it('leaves every default out of the URL', () => {
    expect(jobsListSearch(DEFAULT_JOBS_LIST_STATE)).toBe('');
    expect(parseJobsListState({})).toEqual(DEFAULT_JOBS_LIST_STATE);
    expect(jobsListSearch({ ...DEFAULT_JOBS_LIST_STATE, status: ['FAILED'], order: 'asc' })).toBe('?status=FAILED&order=asc');
  });

  it('keeps the other parameters (the admin view) first and lists readable with commas', () => {
    const search = jobsListSearch({ ...DEFAULT_JOBS_LIST_STATE, type: ['a.b', 'c.d'] }, { view: 'all', status: 'stale', cursor: 'stale' });
    expect(search).toBe('?view=all&type=a.b,c.d');
  });

  it('drops bad values instead of sending them to the API', () => {
    const state = parseJobsListState({
      status: 'FAILED,bogus,,failed,PENDING,FAILED',
      type: `x,${'t'.repeat(101)},x,a`,
      createdFrom: 'yesterday',
      createdTo: '2026-02-31T25:00',
      finishedFrom: '99999999999999999',
      finishedTo: '2026-12-01',
      q: 'q'.repeat(201),
      sort: 'id',
      order: 'sideways',
      limit: '500',
      cursor: '',
    });
    expect(state).toEqual({ ...DEFAULT_JOBS_LIST_STATE, status: ['PENDING', 'FAILED'], type: ['a', 'x'], finishedTo: '2026-12-01' });
    expect(parseJobsListState({ limit: '2.5' }).limit).toBe(50);
    expect(parseJobsListState({ limit: '0' }).limit).toBe(50);
    expect(parseJobsListState({ limit: '100' }).limit).toBe(100);
    expect(parseJobsListState({ cursor: 'c'.repeat(2049) }).cursor).toBeNull();
    expect(parseJobsListState({ q: '  spaced  ' }).q).toBe('spaced');
  });

  it('puts statuses in lifecycle order and names in sorted order, so one view has one URL', () => {
    const a = parseJobsListState({ status: 'FAILED,PENDING', type: 'z,a' });
    const b = parseJobsListState({ status: 'PENDING,FAILED', type: 'a,z' });
    expect(jobsListSearch(a)).toBe(jobsListSearch(b));
    expect(a.status).toEqual(['PENDING', 'FAILED']);
  });

  it('starts again at the first page when a filter changes, and clears filters but not sort or page size', () => {
    expect(withFilters(everything, { q: 'other' })).toEqual({ ...everything, q: 'other', cursor: null });
    expect(withoutFilters(everything)).toEqual({ ...DEFAULT_JOBS_LIST_STATE, sort: 'finishedAt', order: 'asc', limit: 25 });
    expect(hasFilters(everything)).toBe(true);
    expect(hasFilters(withoutFilters(everything))).toBe(false);
    expect(hasFilters({ ...DEFAULT_JOBS_LIST_STATE, sort: 'priority', cursor: 'x' })).toBe(false);
  });

  it('asks the API for exactly what the state says', () => {
    expect(listJobsQuery(DEFAULT_JOBS_LIST_STATE)).toEqual({ sort: 'createdAt', order: 'desc', limit: 50 });
    expect(listJobsQuery(everything)).toEqual({
      sort: 'finishedAt',
      order: 'asc',
      limit: 25,
      status: ['PENDING', 'FAILED'],
      type: ['domain.similar', 'text.indicators'],
      resultType: ['indicators'],
      errorCode: ['Timeout', 'UpstreamDown'],
      createdFrom: '2026-12-01T00:00:00Z',
      createdTo: '2026-12-06',
      finishedFrom: '1764547200000',
      finishedTo: '2026-12-07T10:30:00+01:00',
      q: 'tenant=acme & co, 50%',
      cursor: 'eyJ2IjoxfQ.c2ln',
    });
  });

  it('asks to retry or cancel every job the filters match, on every page, and says so when nothing filters', () => {
    expect(bulkJobsQuery(everything, { dryRun: true })).toEqual({
      status: ['PENDING', 'FAILED'],
      type: ['domain.similar', 'text.indicators'],
      resultType: ['indicators'],
      errorCode: ['Timeout', 'UpstreamDown'],
      createdFrom: '2026-12-01T00:00:00Z',
      createdTo: '2026-12-06',
      finishedFrom: '1764547200000',
      finishedTo: '2026-12-07T10:30:00+01:00',
      q: 'tenant=acme & co, 50%',
      dryRun: true,
    });
    expect(bulkJobsQuery({ ...DEFAULT_JOBS_LIST_STATE, sort: 'priority', cursor: 'x' }, { dryRun: false })).toEqual({ all: true });
    expect(bulkJobsQuery({ ...DEFAULT_JOBS_LIST_STATE, errorCode: ['X'] }, { dryRun: false })).toEqual({ errorCode: ['X'] });
  });

  it('names a listing apart from its cursor', () => {
    expect(listingKey(everything)).toBe(listingKey({ ...everything, cursor: null }));
    expect(listingKey(everything)).not.toBe(listingKey({ ...everything, limit: 10 }));
  });
});

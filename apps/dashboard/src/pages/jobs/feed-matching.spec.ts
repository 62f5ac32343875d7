import { describe, expect, it } from '@jest/globals';
import { changeMayEnter, creationMayMatch, showsNewestFirst } from './feed-matching.js';
import { DEFAULT_JOBS_LIST_STATE, type JobsListState } from './jobs-list-state.js';

const creation = { id: 'n', type: 'text.indicators', status: 'PENDING' as const, createdAt: '2026-12-06T10:00:00.000Z' };
const state = (overrides: Partial<JobsListState>): JobsListState => ({ ...DEFAULT_JOBS_LIST_STATE, ...overrides });

describe('new jobs and the filters on screen', () => {
  it('admits a new job the filters may show', () => {
    expect(creationMayMatch(creation, DEFAULT_JOBS_LIST_STATE)).toBe(true);
    expect(creationMayMatch(creation, state({ type: ['text.indicators'], status: ['PENDING', 'FAILED'], q: 'anything' }))).toBe(true);
    expect(creationMayMatch(creation, state({ createdFrom: '2026-12-06T10:00:00Z', createdTo: '2026-12-07' }))).toBe(true);
  });

  it('turns away a new job the filters exclude', () => {
    expect(creationMayMatch(creation, state({ type: ['domain.similar'] }))).toBe(false);
    expect(creationMayMatch(creation, state({ status: ['FAILED'] }))).toBe(false);
    expect(creationMayMatch(creation, state({ resultType: ['indicators'] }))).toBe(false);
    expect(creationMayMatch(creation, state({ finishedFrom: '2026-01-01' }))).toBe(false);
    expect(creationMayMatch(creation, state({ createdTo: '2026-12-06T10:00:00Z' }))).toBe(false);
    expect(creationMayMatch(creation, state({ createdFrom: String(Date.parse(creation.createdAt) + 1) }))).toBe(false);
  });

  it('puts new jobs at the top only of the first page, newest first', () => {
    expect(showsNewestFirst(DEFAULT_JOBS_LIST_STATE)).toBe(true);
    expect(showsNewestFirst(state({ cursor: 'c' }))).toBe(false);
    expect(showsNewestFirst(state({ order: 'asc' }))).toBe(false);
    expect(showsNewestFirst(state({ sort: 'priority' }))).toBe(false);
  });
});

describe('changes to jobs not on the page', () => {
  const change = { id: 'x', type: 'text.indicators', status: 'PROCESSING' as const, progress: null, attempts: 1, updatedAt: '2026-12-06T10:00:00.000Z' };

  it('may bring a job onto a first page filtered by its new status, or sorted by recent changes', () => {
    expect(changeMayEnter(change, state({ status: ['PROCESSING'] }))).toBe(true);
    expect(changeMayEnter(change, state({ sort: 'updatedAt' }))).toBe(true);
    expect(changeMayEnter(change, state({ sort: 'finishedAt' }))).toBe(true);
  });

  it('cannot bring it onto later pages, other statuses or types, or the newest-first page it is older than', () => {
    expect(changeMayEnter(change, DEFAULT_JOBS_LIST_STATE)).toBe(false);
    expect(changeMayEnter(change, state({ status: ['PROCESSING'], cursor: 'c' }))).toBe(false);
    expect(changeMayEnter(change, state({ status: ['FAILED'] }))).toBe(false);
    expect(changeMayEnter(change, state({ status: ['PROCESSING'], type: ['domain.similar'] }))).toBe(false);
    expect(changeMayEnter(change, state({ sort: 'updatedAt', order: 'asc' }))).toBe(false);
  });
});

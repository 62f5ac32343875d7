import { describe, expect, it } from '@jest/globals';
import type { JobChangedEventData, JobFeedEvent, JobSummary } from '@jobs/contracts';
import { reduceFeedBatch } from './feed-batch.js';
import { DEFAULT_JOBS_LIST_STATE } from './jobs-list-state.js';

function row(id: string, status: JobSummary['status'] = 'PROCESSING'): JobSummary {
  return { id, type: 'diagnostics.sleep', status, updatedAt: '2026-12-06T10:00:00.000Z' } as JobSummary;
}

function changed(id: string, second: number, overrides: Partial<JobChangedEventData> = {}): JobFeedEvent {
  const updatedAt = `2026-12-06T10:00:${String(second).padStart(2, '0')}.000Z`;
  return { event: 'changed', data: { id, type: 'diagnostics.sleep', status: 'PROCESSING', progress: null, attempts: 1, updatedAt, ...overrides } };
}

function created(id: string): JobFeedEvent {
  return { event: 'created', data: { id, type: 'diagnostics.sleep', status: 'PENDING', createdAt: '2026-12-06T10:00:05.000Z' } };
}

describe('a frame of feed events', () => {
  it('keeps the last change of each job to arrive, and needs no page read for progress on the page', () => {
    const outcome = reduceFeedBatch([changed('a', 3), changed('b', 2), changed('a', 5), changed('a', 4)], [row('a'), row('b')], DEFAULT_JOBS_LIST_STATE);
    expect(outcome.changes.get('a')?.updatedAt).toBe('2026-12-06T10:00:04.000Z');
    expect([...outcome.changes.keys()]).toEqual(['b', 'a']);
    expect(outcome.refresh).toBe(false);
    expect(outcome.announced).toEqual([]);
  });

  it('reads the page again after a resync, and when a row changes status', () => {
    expect(reduceFeedBatch([{ event: 'resync', data: {} }], [], DEFAULT_JOBS_LIST_STATE).refresh).toBe(true);
    expect(reduceFeedBatch([changed('a', 3, { status: 'COMPLETED' })], [row('a')], DEFAULT_JOBS_LIST_STATE).refresh).toBe(true);
  });

  it('fetches a new job onto the top of the first page, newest first, and announces it elsewhere', () => {
    expect(reduceFeedBatch([created('n')], [row('a')], DEFAULT_JOBS_LIST_STATE)).toMatchObject({ refresh: true, announced: [] });
    const later = { ...DEFAULT_JOBS_LIST_STATE, cursor: 'c' };
    expect(reduceFeedBatch([created('n'), created('m')], [row('a')], later)).toMatchObject({ refresh: false, announced: ['n', 'm'] });
  });

  it('ignores new jobs already on the page or outside the filters', () => {
    const outcome = reduceFeedBatch([created('a'), created('n')], [row('a')], { ...DEFAULT_JOBS_LIST_STATE, type: ['text.indicators'] });
    expect(outcome).toMatchObject({ refresh: false, announced: [] });
  });

  it('reads the first page again when a job elsewhere takes a status it filters for', () => {
    const running = { ...DEFAULT_JOBS_LIST_STATE, status: ['PROCESSING' as const] };
    expect(reduceFeedBatch([changed('x', 3)], [row('a')], running).refresh).toBe(true);
    expect(reduceFeedBatch([changed('x', 3)], [row('a')], DEFAULT_JOBS_LIST_STATE).refresh).toBe(false);
  });
});

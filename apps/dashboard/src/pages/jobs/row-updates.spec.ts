import { describe, expect, it } from '@jest/globals';
import type { JobSummary } from '@jobs/contracts';
import { jobSummary } from '../../testing/job-summary.js';
import { applyChanges, type JobChange, reconcileRows } from './row-updates.js';

const job = (id: string, overrides: Partial<JobSummary> = {}): JobSummary => jobSummary({ id, ownerId: 'ada', timeoutSeconds: 60, ...overrides });

function change(id: string, updatedAt: string, overrides: Partial<JobChange> = {}): JobChange {
  return { id, status: 'PROCESSING', progress: null, attempts: 1, updatedAt, ...overrides };
}

describe('live changes on a page of jobs', () => {
  it('patches the changed rows only, leaving the others as the same objects', () => {
    const rows = [job('a'), job('b', { status: 'PROCESSING', attempts: 1 })];
    const progress = { current: 3, total: 10, message: 'step 3', percentage: 30 };
    const { rows: next, stale } = applyChanges(rows, new Map([['b', change('b', '2026-12-06T10:00:01.000Z', { progress })]]));
    expect(next[0]).toBe(rows[0]);
    expect(next[1]).toEqual({ ...rows[1], progress, updatedAt: '2026-12-06T10:00:01.000Z' });
    expect(stale).toEqual([]);
  });

  it('returns the same array when no change is new to the page', () => {
    const rows = [job('a', { status: 'PROCESSING', attempts: 1, updatedAt: '2026-12-06T10:00:05.000Z' })];
    const changes = new Map([
      ['a', change('a', '2026-12-06T10:00:05.000Z')],
      ['elsewhere', change('elsewhere', '2026-12-06T10:00:09.000Z')],
    ]);
    expect(applyChanges(rows, changes).rows).toBe(rows);
  });

  it('takes a change in arrival order even when its updatedAt is earlier (a cancellation that began before a progress report)', () => {
    const rows = [job('a', { status: 'PROCESSING', attempts: 1, updatedAt: '2026-12-06T10:00:05.000Z' })];
    const { rows: next, stale } = applyChanges(rows, new Map([['a', change('a', '2026-12-06T10:00:04.000Z', { status: 'CANCELLED' })]]));
    expect(next[0]?.status).toBe('CANCELLED');
    expect(stale).toEqual(['a']);
  });

  it('asks for a fresh read of every job whose status changed', () => {
    const rows = [job('a', { status: 'PROCESSING' }), job('b', { status: 'FAILED' }), job('c')];
    const { stale } = applyChanges(
      rows,
      new Map([
        ['a', change('a', '2026-12-06T10:00:01.000Z', { status: 'COMPLETED' })],
        ['b', change('b', '2026-12-06T10:00:01.000Z', { status: 'PENDING', attempts: 0 })],
        ['c', change('c', '2026-12-06T10:00:01.000Z')],
      ]),
    );
    expect(stale).toEqual(['a', 'b', 'c']);
  });
});

describe('a fresh page in place of the rows on screen', () => {
  it('keeps unchanged rows as the same objects, in the fresh order, and takes the rest as read', () => {
    const same = job('b');
    const current = [job('a', { status: 'PROCESSING', updatedAt: '2026-12-06T10:00:09.000Z' }), same];
    const read = job('a', { status: 'CANCELLED', updatedAt: '2026-12-06T10:00:02.000Z' });
    const merged = reconcileRows(current, [job('c'), job('b'), read]);
    expect(merged.map((row) => row.id)).toEqual(['c', 'b', 'a']);
    expect(merged[1]).toBe(same);
    expect(merged[2]).toBe(read);
  });

  it('returns the current array when nothing differs', () => {
    const current = [job('a'), job('b')];
    expect(reconcileRows(current, [job('a'), job('b')])).toBe(current);
  });
});

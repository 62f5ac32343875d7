import { describe, expect, it } from '@jest/globals';
import type { JobSummary } from '@jobs/contracts';
import { applyChanges, type JobChange, RecentChanges, reconcileRows } from './row-updates.js';

function job(id: string, overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id,
    type: 'diagnostics.sleep',
    status: 'PENDING',
    ownerId: 'ada',
    orgId: null,
    priority: 0,
    metadata: {},
    progress: null,
    resultId: null,
    resultType: null,
    error: null,
    attempts: 0,
    maxAttempts: 3,
    timeoutSeconds: 60,
    createdAt: '2026-12-06T10:00:00.000Z',
    runAt: '2026-12-06T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    updatedAt: '2026-12-06T10:00:00.000Z',
    durationMs: null,
    webhook: null,
    links: { self: '', status: '', result: '', stream: '', cancel: '' },
    ...overrides,
  };
}

function change(id: string, updatedAt: string, overrides: Partial<JobChange> = {}): JobChange {
  return { id, status: 'PROCESSING', progress: null, attempts: 1, updatedAt, ...overrides };
}

describe('live changes on a page of jobs', () => {
  it('patches the changed rows only, leaving the others as the same objects', () => {
    const rows = [job('a'), job('b')];
    const progress = { current: 3, total: 10, message: 'step 3', percentage: 30 };
    const { rows: next, stale } = applyChanges(rows, new Map([['b', change('b', '2026-12-06T10:00:01.000Z', { progress })]]));
    expect(next[0]).toBe(rows[0]);
    expect(next[1]).toEqual({ ...rows[1], status: 'PROCESSING', attempts: 1, progress, updatedAt: '2026-12-06T10:00:01.000Z' });
    expect(stale).toEqual([]);
  });

  it('ignores a change older than the row, and returns the same array when nothing applies', () => {
    const rows = [job('a', { updatedAt: '2026-12-06T10:00:05.000Z' })];
    const changes = new Map([
      ['a', change('a', '2026-12-06T10:00:04.000Z')],
      ['elsewhere', change('elsewhere', '2026-12-06T10:00:09.000Z')],
    ]);
    expect(applyChanges(rows, changes).rows).toBe(rows);
  });

  it('asks for a fresh read of jobs that finish, or leave a finished status', () => {
    const rows = [job('a', { status: 'PROCESSING' }), job('b', { status: 'FAILED' })];
    const { stale } = applyChanges(
      rows,
      new Map([
        ['a', change('a', '2026-12-06T10:00:01.000Z', { status: 'COMPLETED' })],
        ['b', change('b', '2026-12-06T10:00:01.000Z', { status: 'PENDING', attempts: 0 })],
      ]),
    );
    expect(stale).toEqual(['a', 'b']);
  });
});

describe('a fresh page merged with the rows on screen', () => {
  it('keeps rows the feed has taken further and unchanged rows as they are, in the fresh order', () => {
    const ahead = job('a', { status: 'PROCESSING', updatedAt: '2026-12-06T10:00:09.000Z' });
    const same = job('b');
    const current = [ahead, same];
    const fresh = [job('c'), job('b'), job('a', { updatedAt: '2026-12-06T10:00:02.000Z' })];
    const merged = reconcileRows(current, fresh);
    expect(merged.map((row) => row.id)).toEqual(['c', 'b', 'a']);
    expect(merged[1]).toBe(same);
    expect(merged[2]).toBe(ahead);
  });

  it('takes the fresh row when it is newer, and returns the current array when nothing differs', () => {
    const current = [job('a'), job('b')];
    const newer = job('b', { status: 'COMPLETED', updatedAt: '2026-12-06T10:00:03.000Z', durationMs: 1200 });
    expect(reconcileRows(current, [job('a'), newer])[1]).toBe(newer);
    expect(reconcileRows(current, [job('a'), job('b')])).toBe(current);
  });
});

describe('recent changes', () => {
  it('keeps the newest change per job, within its capacity', () => {
    const recent = new RecentChanges(2);
    recent.remember(change('a', '2026-12-06T10:00:02.000Z', { attempts: 2 }));
    recent.remember(change('a', '2026-12-06T10:00:01.000Z', { attempts: 1 }));
    expect(recent.all.get('a')?.attempts).toBe(2);
    recent.remember(change('b', '2026-12-06T10:00:01.000Z'));
    recent.remember(change('c', '2026-12-06T10:00:01.000Z'));
    expect([...recent.all.keys()]).toEqual(['b', 'c']);
  });
});

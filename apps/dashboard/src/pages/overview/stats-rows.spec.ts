import { describe, expect, it } from '@jest/globals';
import type { StatusCounts } from '@jobs/contracts';
import { STATUSES_IN_ORDER, typeRows } from './stats-rows.js';

function counts(pending: number, completed: number): StatusCounts {
  return { total: pending + completed, byStatus: { PENDING: pending, PROCESSING: 0, COMPLETED: completed, FAILED: 0, CANCELLED: 0 } };
}

describe('typeRows', () => {
  it('lists the busiest types first and ties by name', () => {
    const rows = typeRows({ 'text.indicators': counts(1, 1), 'domain.similar': counts(0, 5), 'a.type': counts(2, 0) });
    expect(rows.map((row) => [row.type, row.total])).toEqual([
      ['domain.similar', 5],
      ['a.type', 2],
      ['text.indicators', 2],
    ]);
    expect(rows[0]?.byStatus.COMPLETED).toBe(5);
  });

  it('has no rows without jobs', () => {
    expect(typeRows({})).toEqual([]);
  });
});

describe('STATUSES_IN_ORDER', () => {
  it('follows a job through its life', () => {
    expect(STATUSES_IN_ORDER).toEqual(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED']);
  });
});

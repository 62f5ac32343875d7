import { describe, expect, it } from '@jest/globals';
import type { StatusCounts } from '@jobs/contracts';
import { queueDepthRows } from './queue-depth.js';

function counts(pending: number, processing: number, completed = 0): StatusCounts {
  return { total: pending + processing + completed, byStatus: { PENDING: pending, PROCESSING: processing, COMPLETED: completed, FAILED: 0, CANCELLED: 0 } };
}

describe('queueDepthRows', () => {
  it('lists types with waiting or running jobs, the deepest first', () => {
    const rows = queueDepthRows({
      idle: counts(0, 0, 40),
      'b.type': counts(1, 2),
      'a.type': counts(3, 0),
      busy: counts(10, 4, 7),
      running: counts(0, 1),
    });
    expect(rows).toEqual([
      { type: 'busy', pending: 10, processing: 4 },
      { type: 'a.type', pending: 3, processing: 0 },
      { type: 'b.type', pending: 1, processing: 2 },
      { type: 'running', pending: 0, processing: 1 },
    ]);
  });
});

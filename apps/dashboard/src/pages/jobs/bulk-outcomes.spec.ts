import { describe, expect, it } from '@jest/globals';
import { bulkHeadline, mapConcurrently, summariseBulk } from './bulk-outcomes.js';

describe('bulk outcomes', () => {
  it('groups failures by problem code, the most frequent first, keeping one explanation', () => {
    const summary = summariseBulk('cancel', [
      { jobId: 'a', problem: null },
      { jobId: 'b', problem: { code: 'JOB_ALREADY_FINISHED', status: 409, detail: 'Job b is already COMPLETED.' } },
      { jobId: 'c', problem: { code: 'JOB_NOT_FOUND', status: 404, detail: 'No job c.' } },
      { jobId: 'd', problem: { code: 'JOB_ALREADY_FINISHED', status: 409, detail: 'Job d is already FAILED.' } },
      { jobId: 'e', problem: null },
    ]);
    expect(summary).toEqual({
      action: 'cancel',
      succeeded: ['a', 'e'],
      failures: [
        { code: 'JOB_ALREADY_FINISHED', status: 409, detail: 'Job b is already COMPLETED.', jobIds: ['b', 'd'] },
        { code: 'JOB_NOT_FOUND', status: 404, detail: 'No job c.', jobIds: ['c'] },
      ],
    });
    expect(bulkHeadline(summary)).toBe('2 jobs cancelled, 3 not.');
  });

  it('says plainly when everything went through', () => {
    expect(bulkHeadline(summariseBulk('retry', [{ jobId: 'a', problem: null }]))).toBe('1 job queued again.');
    expect(bulkHeadline(summariseBulk('delete', []))).toBe('0 jobs deleted.');
  });

  it('runs tasks a few at a time and keeps their order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0], 2, async (delay) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running -= 1;
      return delay * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });
});

import { describe, expect, it } from '@jest/globals';
import { sleep } from './sleep.js';

describe('sleep', () => {
  it('waits the time it is given', async () => {
    const startedAt = Date.now();
    await sleep(50);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(45);
  });

  it("rejects with the signal's reason when aborted while waiting, or already aborted", async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(10_000, AbortSignal.abort(new Error('stopped before')))).rejects.toThrow('stopped before');
  });

  it('rejects with a TimeoutError on a timeout signal', async () => {
    await expect(sleep(10_000, AbortSignal.timeout(20))).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

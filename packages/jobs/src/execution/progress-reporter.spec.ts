import { describe, expect, it } from '@jest/globals';
import type { JobProgress } from '@jobs/contracts';
import { ProgressReporter, toJobProgress } from './progress-reporter.js';

describe('toJobProgress', () => {
  it('computes a percentage with one decimal when the total is known', () => {
    expect(toJobProgress(1, 3, 'reading')).toEqual({ current: 1, total: 3, message: 'reading', percentage: 33.3 });
  });

  it('has no percentage without a positive total and clamps overshoot', () => {
    expect(toJobProgress(5)).toEqual({ current: 5, total: null, message: null, percentage: null });
    expect(toJobProgress(5, 0).percentage).toBeNull();
    expect(toJobProgress(12, 10).percentage).toBe(100);
  });
});

describe('ProgressReporter', () => {
  it('coalesces reports made while a write is in flight into the latest one', async () => {
    const written: number[] = [];
    let release: () => void = () => undefined;
    const reporter = new ProgressReporter(async (progress: JobProgress) => {
      written.push(progress.current);
      if (written.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    reporter.report(toJobProgress(1));
    for (let current = 2; current <= 50; current += 1) reporter.report(toJobProgress(current));
    release();
    await reporter.flush();
    expect(written).toEqual([1, 50]);
  });

  it('surfaces a failed write on flush, once', async () => {
    const reporter = new ProgressReporter(async () => {
      throw new Error('database away');
    });
    reporter.report(toJobProgress(1));
    await expect(reporter.flush()).rejects.toThrow('database away');
    await expect(reporter.flush()).resolves.toBeUndefined();
  });
});

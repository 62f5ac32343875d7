import { describe, expect, it } from '@jest/globals';
import { entropySeries, entropySummary } from './entropy.js';

describe('entropy per block', () => {
  it('places each block at its offset in KiB', () => {
    expect(entropySeries([1, 7.9, 4], 4096)).toEqual([
      [0, 4, 8],
      [1, 7.9, 4],
    ]);
  });

  it('sums the blocks up, counting those that look compressed or encrypted', () => {
    expect(entropySummary([1, 7.9, 4])).toEqual({ blocks: 3, min: 1, max: 7.9, mean: 12.9 / 3, high: 1 });
    expect(entropySummary([])).toBeNull();
  });
});

import { describe, expect, it } from '@jest/globals';
import { FiguresCache } from './figures-cache.js';

/** A cache on a clock the test moves, and a computation that counts its calls. */
function setUp(ttlMs: number, capacity?: number) {
  let time = 0;
  let calls = 0;
  const cache = new FiguresCache<number>(ttlMs, capacity, () => time);
  return {
    cache,
    compute: async () => (calls += 1),
    advance: (ms: number) => (time += ms),
    calls: () => calls,
  };
}

describe('FiguresCache', () => {
  it('serves kept figures until they expire, then computes again', async () => {
    const { cache, compute, advance } = setUp(5_000);
    expect(await cache.get('a', compute)).toBe(1);
    advance(4_999);
    expect(await cache.get('a', compute)).toBe(1);
    advance(1);
    expect(await cache.get('a', compute)).toBe(2);
  });

  it('computes again on refresh, and keeps each key apart', async () => {
    const { cache, compute } = setUp(5_000);
    expect(await cache.get('a', compute)).toBe(1);
    expect(await cache.get('b', compute)).toBe(2);
    expect(await cache.get('a', compute, true)).toBe(3);
    expect(await cache.get('a', compute)).toBe(3);
  });

  it('shares one computation between concurrent requests', async () => {
    const { cache, compute, calls } = setUp(5_000);
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    expect(calls()).toBe(1);
  });

  it('does not keep a failure', async () => {
    const { cache, compute } = setUp(5_000);
    await expect(cache.get('a', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.get('a', compute)).toBe(1);
  });

  it('lets the oldest key go beyond its capacity', async () => {
    const { cache, compute } = setUp(5_000, 2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, compute);
    expect(await cache.get('c', compute)).toBe(3);
    expect(await cache.get('a', compute)).toBe(4);
  });
});

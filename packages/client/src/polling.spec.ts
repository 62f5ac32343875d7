import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLLING, nextPollDelay } from './polling.js';

describe('nextPollDelay', () => {
  const schedule = (elapsed: number[]): number[] => {
    let previous: number | null = null;
    return elapsed.map((elapsedMs) => (previous = nextPollDelay(DEFAULT_POLLING, { elapsedMs, previousDelayMs: previous, retryAfterSeconds: null })));
  };

  it('polls every second while the job is young', () => {
    expect(schedule([0, 1_000, 2_000, 9_999])).toEqual([1000, 1000, 1000, 1000]);
  });

  it('backs off by half again per poll once past the fast phase, up to the maximum', () => {
    expect(schedule([0, 10_000, 11_500, 13_750, 17_125, 22_188, 29_782, 41_173, 58_260, 83_890, 113_890])).toEqual([
      1000, 1500, 2250, 3375, 5063, 7595, 11393, 17090, 25635, 30000, 30000,
    ]);
  });

  it('never polls sooner than Retry-After asks', () => {
    expect(nextPollDelay(DEFAULT_POLLING, { elapsedMs: 0, previousDelayMs: null, retryAfterSeconds: 7 })).toBe(7000);
    expect(nextPollDelay(DEFAULT_POLLING, { elapsedMs: 60_000, previousDelayMs: 30_000, retryAfterSeconds: 2 })).toBe(30_000);
  });

  it('follows a custom policy', () => {
    const policy = { initialDelayMs: 200, fastPhaseMs: 0, backoffFactor: 2, maxDelayMs: 1000 };
    const delays: number[] = [];
    let previous: number | null = null;
    for (let poll = 0; poll < 5; poll += 1) delays.push((previous = nextPollDelay(policy, { elapsedMs: poll * 100, previousDelayMs: previous, retryAfterSeconds: null })));
    expect(delays).toEqual([200, 400, 800, 1000, 1000]);
  });
});

import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Throttle } from './throttle.js';

describe('the refresh throttle', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs at once, then at most once per interval however often it is asked', () => {
    let runs = 0;
    const throttle = new Throttle(1000, () => (runs += 1));
    throttle.request();
    expect(runs).toBe(1);
    for (let index = 0; index < 20; index += 1) throttle.request();
    expect(runs).toBe(1);
    jest.advanceTimersByTime(999);
    expect(runs).toBe(1);
    jest.advanceTimersByTime(1);
    expect(runs).toBe(2);
    jest.advanceTimersByTime(5000);
    expect(runs).toBe(2);
    throttle.request();
    expect(runs).toBe(3);
  });

  it('forgets a pending run when cancelled', () => {
    let runs = 0;
    const throttle = new Throttle(1000, () => (runs += 1));
    throttle.request();
    throttle.request();
    throttle.cancel();
    jest.advanceTimersByTime(2000);
    expect(runs).toBe(1);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { JobLogLine } from '@jobs/contracts';
import { appendLogLines, logTime, NO_LOG_LINES } from './job-log-lines.js';

const line = (seq: number): JobLogLine => ({ seq, attempt: 1, level: 'info', time: '2026-12-15T12:00:00.000Z', message: `line ${seq}`, fields: null, truncated: false });

describe('appendLogLines', () => {
  it('adds lines in seq order and remembers the last', () => {
    const state = appendLogLines(NO_LOG_LINES, [line(2), line(1), line(3)]);
    expect(state.lines.map((item) => item.seq)).toEqual([1, 2, 3]);
    expect(state.lastSeq).toBe(3);
  });

  it('skips lines already shown, when a page and the stream overlap', () => {
    const state = appendLogLines(appendLogLines(NO_LOG_LINES, [line(1), line(2)]), [line(2), line(3)]);
    expect(state.lines.map((item) => item.seq)).toEqual([1, 2, 3]);
    const same = appendLogLines(state, [line(3)]);
    expect(same).toBe(state);
  });
});

describe('logTime', () => {
  it('shows the time of day to the millisecond', () => {
    expect(logTime('2026-12-15T12:04:05.007Z')).toMatch(/^\d\d:04:05\.007$/);
  });
});

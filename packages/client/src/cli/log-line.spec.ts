import { describe, expect, it } from '@jest/globals';
import { formatLogLine } from './log-line.js';

describe('formatLogLine', () => {
  const line = { seq: 3, attempt: 2, level: 'warn' as const, time: '2026-12-15T12:00:00.123Z', message: 'disk almost full', fields: null, truncated: false };

  it('prints time, level, attempt and message', () => {
    expect(formatLogLine(line)).toBe('2026-12-15T12:00:00.123Z WARN  #2 disk almost full');
  });

  it('adds the fields as JSON when there are any', () => {
    expect(formatLogLine({ ...line, level: 'info', fields: { free: 12, unit: 'GiB' } })).toBe('2026-12-15T12:00:00.123Z INFO  #2 disk almost full {"free":12,"unit":"GiB"}');
    expect(formatLogLine({ ...line, fields: {} })).toBe('2026-12-15T12:00:00.123Z WARN  #2 disk almost full');
  });
});

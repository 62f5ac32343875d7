import { describe, expect, it } from '@jest/globals';
import { formatEventId, parseEventId, splitLogPosition, type StreamEventId, withLogPosition } from './stream-event-id.js';

describe('stream event ids', () => {
  it('reads back every id it writes', () => {
    const ids: StreamEventId[] = [
      { run: 1_765_000_000_000, final: false, step: 0, progressAt: 0 },
      { run: 1_765_000_000_000, final: false, step: 3, progressAt: 1_765_000_004_321 },
      { run: 1_765_000_000_000, final: true },
    ];
    expect(ids.map(formatEventId)).toEqual(['1765000000000.0', '1765000000000.3.1765000004321', '1765000000000.final']);
    expect(ids.map((id) => parseEventId(formatEventId(id)))).toEqual(ids);
  });

  it('carries the log position after the run part, and reads both back', () => {
    const id = formatEventId({ run: 17, final: false, step: 3, progressAt: 0 });
    expect(withLogPosition(id, 0)).toBe('17.3');
    expect(withLogPosition(id, 42)).toBe('17.3.L42');
    expect(splitLogPosition('17.3.L42')).toEqual({ runPart: '17.3', logSeq: 42 });
    expect(splitLogPosition('17.final.L7')).toEqual({ runPart: '17.final', logSeq: 7 });
    expect(parseEventId(splitLogPosition('17.3.1765000004321.L5').runPart)).toEqual({ run: 17, final: false, step: 3, progressAt: 1765000004321 });
    // A position without a run part still places the client in the log; the run starts afresh.
    expect(splitLogPosition('garbage.L3')).toEqual({ runPart: 'garbage', logSeq: 3 });
    expect(splitLogPosition('17.3')).toEqual({ runPart: '17.3', logSeq: null });
    expect(splitLogPosition('17.3.L')).toEqual({ runPart: '17.3.L', logSeq: null });
    expect(splitLogPosition('17.3.L99999999999')).toEqual({ runPart: '17.3.L99999999999', logSeq: null });
    expect(splitLogPosition(undefined)).toEqual({ runPart: undefined, logSeq: null });
  });

  it('refuses what it would never write, so the client starts afresh', () => {
    const refused = [undefined, '', 'garbage', '17', '.final', '17.', '17.final.1', '17.-1', '17.1.2.3', '17.1.x', `${'9'.repeat(16)}.1`, '17.1 ', ' 17.1', '17.١'];
    expect(refused.map(parseEventId)).toEqual(refused.map(() => null));
  });
});

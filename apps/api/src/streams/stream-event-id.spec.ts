import { describe, expect, it } from '@jest/globals';
import { formatEventId, parseEventId, type StreamEventId } from './stream-event-id.js';

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

  it('refuses what it would never write, so the client starts afresh', () => {
    const refused = [undefined, '', 'garbage', '17', '.final', '17.', '17.final.1', '17.-1', '17.1.2.3', '17.1.x', `${'9'.repeat(16)}.1`, '17.1 ', ' 17.1', '17.١'];
    expect(refused.map(parseEventId)).toEqual(refused.map(() => null));
  });
});

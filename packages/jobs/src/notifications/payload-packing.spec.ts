import { describe, expect, it } from '@jest/globals';
import { packPayloads } from './payload-packing.js';

describe('packPayloads', () => {
  it('packs items in order into JSON arrays, each under the limit in UTF-8 bytes', () => {
    const items = Array.from({ length: 100 }, (_, index) => ({ index, text: 'ü'.repeat(index % 7) }));
    const payloads = packPayloads(items, 200);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(new TextEncoder().encode(payload).byteLength).toBeLessThanOrEqual(200);
    expect(payloads.flatMap((payload) => JSON.parse(payload) as unknown[])).toEqual(items);
  });

  it('sends nothing for no items, and one array when everything fits', () => {
    expect(packPayloads([])).toEqual([]);
    expect(packPayloads([1, 'two', { three: 3 }])).toEqual(['[1,"two",{"three":3}]']);
  });
});

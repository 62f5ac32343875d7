import { describe, expect, it } from '@jest/globals';
import { nulCharacterPath } from './nul-characters.js';

describe('nulCharacterPath', () => {
  it('finds nothing in values without U+0000', () => {
    expect(nulCharacterPath({ type: 'text.indicators', payload: { text: 'a\u0001b', list: ['x', 1, null, true] } })).toBeNull();
    expect(nulCharacterPath('plain')).toBeNull();
    expect(nulCharacterPath(null)).toBeNull();
  });

  it('names the field whose string holds it, through objects and arrays', () => {
    expect(nulCharacterPath({ payload: { text: 'a\u0000b' } })).toBe('payload.text');
    expect(nulCharacterPath({ jobs: [{ payload: {} }, { metadata: { k: ['ok', '\u0000'] } }] })).toBe('jobs[1].metadata.k[1]');
    expect(nulCharacterPath({ errorCode: ['Boom', '\u0000'] })).toBe('errorCode[1]');
  });

  it('names the object whose key holds it', () => {
    expect(nulCharacterPath({ metadata: { 'k\u0000': 'v' } })).toBe('metadata');
    expect(nulCharacterPath({ '\u0000': 1 })).toBe('');
  });

  it('walks any depth without recursion', () => {
    let deep: unknown = '\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(nulCharacterPath(deep)).toMatch(/^(\[0\]){100000}$/);
  });
});

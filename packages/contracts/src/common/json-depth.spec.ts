import { describe, expect, it } from '@jest/globals';
import { jsonDepthExceeds } from './json-depth.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? { child: value } : [value];
  return value;
};

describe('jsonDepthExceeds', () => {
  it('counts objects and arrays as levels, scalars not', () => {
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds({}, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: [] }, 1)).toBe(true);
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
  });

  it('copes with nesting far deeper than the call stack', () => {
    expect(jsonDepthExceeds(JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`), 32)).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { typedResult } from './result-shapes.js';

describe('typedResult', () => {
  it('gives each result type with a view its kind', () => {
    expect(typedResult('indicators', { total: 0, counts: {}, indicators: [] }).kind).toBe('indicators');
    const similar = { domain: 'a.com', count: 0, total: 0, totalExact: true, truncatedFuzzers: [], byFuzzer: {}, variants: [] };
    expect(typedResult('similar-domains', similar).kind).toBe('similar-domains');
    const report = { sha256: 'ab', fileType: { kind: 'text' }, blockEntropy: [], strings: { ascii: [], utf16le: [] } };
    expect(typedResult('sample-report', report).kind).toBe('sample-report');
  });

  it('shows other types, and data not of its type’s shape, as they are', () => {
    expect(typedResult('sleep-report', { sleptMs: 10 })).toEqual({ kind: 'other', data: { sleptMs: 10 } });
    expect(typedResult('indicators', { total: 1 }).kind).toBe('other');
    expect(typedResult('indicators', null).kind).toBe('other');
    expect(typedResult(null, [1, 2]).kind).toBe('other');
  });
});

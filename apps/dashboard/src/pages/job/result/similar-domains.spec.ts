import { describe, expect, it } from '@jest/globals';
import type { SimilarDomainsResult } from '@jobs/contracts';
import { fuzzerSummaries, similarDomainsTotals } from './similar-domains.js';

const result: SimilarDomainsResult = {
  domain: 'example.com',
  count: 3,
  total: 3,
  totalExact: true,
  truncatedFuzzers: [],
  byFuzzer: { omission: 2, addition: 1 },
  variants: [
    { fuzzer: 'addition', domain: 'examplea.com', punycode: 'examplea.com' },
    { fuzzer: 'omission', domain: 'exmple.com', punycode: 'exmple.com' },
    { fuzzer: 'omission', domain: 'xample.com', punycode: 'xample.com' },
  ],
};

describe('similar domains', () => {
  it('summarises each fuzzer in dnstwist’s order: listed, made and whether it was stopped', () => {
    expect(fuzzerSummaries(result)).toEqual([
      { fuzzer: 'addition', listed: 1, made: 1, truncated: false },
      { fuzzer: 'omission', listed: 2, made: 2, truncated: false },
    ]);
    const cut = { ...result, count: 1, total: 500, totalExact: false, truncatedFuzzers: ['homoglyph' as const], byFuzzer: { ...result.byFuzzer, homoglyph: 497 }, variants: result.variants.slice(0, 1) };
    expect(fuzzerSummaries(cut)).toEqual([
      { fuzzer: 'addition', listed: 1, made: 1, truncated: false },
      { fuzzer: 'homoglyph', listed: 0, made: 497, truncated: true },
      { fuzzer: 'omission', listed: 0, made: 2, truncated: false },
    ]);
  });

  it('says how many variants are listed and how exact the total is', () => {
    expect(similarDomainsTotals(result)).toBe('3 variants');
    expect(similarDomainsTotals({ ...result, total: 12_000 })).toBe('3 of 12,000 variants listed (the limit cut the list)');
    expect(similarDomainsTotals({ ...result, total: 12_000, totalExact: false })).toBe(
      '3 of 12,000+ variants listed (the limit cut the list); the total is a lower bound: some fuzzers were stopped at their candidate bound',
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { DOMAIN_FUZZERS, type DomainFuzzer } from '@jobs/contracts';
import fc from 'fast-check';
import { toHostname } from './domain-fuzzers.js';
import { fairShares, findSimilarDomains } from './similar-domains.js';

const SUFFIXES = ['com', 'net', 'org', 'info', 'co.uk'];
const WITHOUT_HOMOGLYPH = DOMAIN_FUZZERS.filter((fuzzer) => fuzzer !== 'homoglyph');

describe('findSimilarDomains', () => {
  /**
   * Counts per fuzzer from dnstwist 20221213 (Debian's package) for the same domains and suffixes:
   * `Fuzzer(domain, tld_dictionary=SUFFIXES).generate(fuzzers=['*original', all but homoglyph])`,
   * less the `*original` entry. Homoglyph counts differ on purpose: our look-alike table is our own
   * (see the README), so that fuzzer is compared by its properties instead.
   */
  const REFERENCE: Record<string, Partial<Record<DomainFuzzer, number>>> = {
    'google.com': { addition: 36, bitsquatting: 27, hyphenation: 5, insertion: 40, omission: 5, repetition: 4, replacement: 31, subdomain: 4, 'tld-swap': 4, transposition: 4, various: 1, 'vowel-swap': 8 },
    'paypal.com': { addition: 36, bitsquatting: 26, hyphenation: 5, insertion: 53, omission: 6, repetition: 3, replacement: 29, subdomain: 4, 'tld-swap': 4, transposition: 5, various: 1, 'vowel-swap': 4 },
    'example.co.uk': { addition: 36, bitsquatting: 33, hyphenation: 6, insertion: 44, omission: 7, repetition: 3, replacement: 32, subdomain: 5, 'tld-swap': 4, transposition: 6, various: 2, 'vowel-swap': 6 },
    'bücher.de': { addition: 36, bitsquatting: 24, hyphenation: 5, insertion: 34, omission: 6, repetition: 5, replacement: 26, subdomain: 4, 'tld-swap': 5, transposition: 5, various: 2, 'vowel-swap': 2 },
    'login.microsoft.com': { addition: 36, bitsquatting: 43, hyphenation: 8, insertion: 81, omission: 9, repetition: 8, replacement: 45, subdomain: 7, 'tld-swap': 4, transposition: 8, various: 3, 'vowel-swap': 7 },
  };

  it.each(Object.entries(REFERENCE))('makes as many variants per fuzzer as dnstwist for %s', async (domain, expected) => {
    const result = await findSimilarDomains(domain, { fuzzers: WITHOUT_HOMOGLYPH, suffixes: SUFFIXES, limit: 10_000 });
    expect(result.byFuzzer).toEqual(expected);
    expect(result.count).toBe(Object.values(expected).reduce((sum, count) => sum + count, 0));
  });

  it('lists Unicode and punycode forms, credits each variant once, and leaves the input out', async () => {
    const result = await findSimilarDomains('Bücher.de', { fuzzers: DOMAIN_FUZZERS, suffixes: SUFFIXES, limit: 10_000 });
    expect(result.domain).toBe('bücher.de');
    expect(result.variants).toContainEqual({ fuzzer: 'omission', domain: 'bcher.de', punycode: 'bcher.de' });
    expect(result.variants).toContainEqual({ fuzzer: 'tld-swap', domain: 'bücher.com', punycode: 'xn--bcher-kva.com' });
    expect(result.byFuzzer.homoglyph).toBeGreaterThan(100);
    expect(new Set(result.variants.map((variant) => variant.punycode)).size).toBe(result.count);
    expect(result.variants.map((variant) => variant.punycode)).not.toContain('xn--bcher-kva.de');
  });

  it('keeps every fuzzer represented when the limit cuts the list', async () => {
    const result = await findSimilarDomains('examplecorporation.com', { fuzzers: DOMAIN_FUZZERS, suffixes: SUFFIXES, limit: 120 });
    expect(result.count).toBe(120);
    expect(result.total).toBeGreaterThan(120);
    expect(new Set(result.variants.map((variant) => variant.fuzzer))).toEqual(new Set(DOMAIN_FUZZERS));
  });

  it('stops when its signal fires, even in a long homoglyph run', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(
      findSimilarDomains(`${'a'.repeat(40)}.com`, { fuzzers: ['homoglyph'], suffixes: SUFFIXES, limit: 100_000, signal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('gives only valid, distinct hostnames other than the input, for any domain', async () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
    await fc.assert(
      fc.asyncProperty(label, fc.constantFrom('com', 'de', 'co.uk', 'org'), fc.option(label, { nil: undefined }), async (name, suffix, sub) => {
        const domain = [sub, name, suffix].filter(Boolean).join('.');
        const result = await findSimilarDomains(domain, { fuzzers: DOMAIN_FUZZERS, suffixes: SUFFIXES, limit: 3000 });
        const punycodes = result.variants.map((variant) => variant.punycode);
        expect(new Set(punycodes).size).toBe(punycodes.length);
        expect(punycodes).not.toContain(toHostname(domain));
        for (const variant of result.variants) expect(toHostname(variant.domain)).toBe(variant.punycode);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fairShares', () => {
  it('gives small lists all they have and shares the rest', () => {
    expect(fairShares([5, 100, 2], 20)).toEqual([5, 13, 2]);
    expect(fairShares([50, 50], 11)).toEqual([6, 5]);
    expect(fairShares([3, 4], 100)).toEqual([3, 4]);
    expect(fairShares([0, 10], 4)).toEqual([0, 4]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { DOMAIN_FUZZERS, type DomainFuzzer } from '@jobs/contracts';
import fc from 'fast-check';
import { toHostname } from './domain-names.js';
import { CANDIDATES_PER_FUZZER, fairShares, findSimilarDomains } from './similar-domains.js';

const SUFFIXES = ['com', 'net', 'org', 'info', 'co.uk'];
const LABEL_63 = 'internationalbusinessmachinescorporationcustomersupportportal01';

describe('findSimilarDomains', () => {
  /**
   * Counts per fuzzer from dnstwist 20250130 (commit 3413953, the newest), run from its source with
   * the standard library and `idna` only:
   * `Fuzzer(domain, tld_dictionary=SUFFIXES).generate(fuzzers=['*original', *DOMAIN_FUZZERS])`, less
   * the `*original` entry. Homoglyph included: the tables and the algorithm are dnstwist's.
   */
  const REFERENCE: Record<string, Partial<Record<DomainFuzzer, number>>> = {
    'google.com': { addition: 36, bitsquatting: 27, cyrillic: 1, homoglyph: 2784, hyphenation: 5, insertion: 54, omission: 5, plural: 2, repetition: 4, replacement: 29, subdomain: 4, 'tld-swap': 4, transposition: 4, various: 1, 'vowel-swap': 8 },
    'paypal.com': { addition: 36, bitsquatting: 26, cyrillic: 1, homoglyph: 1187, hyphenation: 5, insertion: 61, omission: 6, repetition: 3, replacement: 29, subdomain: 4, 'tld-swap': 4, transposition: 5, various: 1, 'vowel-swap': 4 },
    'example.co.uk': { addition: 36, bitsquatting: 33, cyrillic: 1, homoglyph: 31, hyphenation: 6, insertion: 51, omission: 7, plural: 2, repetition: 3, replacement: 31, subdomain: 5, 'tld-swap': 4, transposition: 6, various: 2, 'vowel-swap': 6 },
    'bücher.de': { addition: 36, bitsquatting: 24, homoglyph: 269, hyphenation: 5, insertion: 42, omission: 6, plural: 1, repetition: 5, replacement: 25, subdomain: 4, 'tld-swap': 5, transposition: 5, various: 3, 'vowel-swap': 2 },
    'login.microsoft.com': { addition: 36, bitsquatting: 43, homoglyph: 4093, hyphenation: 8, insertion: 87, omission: 9, plural: 5, repetition: 6, replacement: 42, subdomain: 7, 'tld-swap': 4, transposition: 8, various: 3, 'vowel-swap': 7 },
    'münchen.de': { addition: 36, bitsquatting: 26, homoglyph: 562, hyphenation: 6, insertion: 50, omission: 7, plural: 2, repetition: 4, replacement: 22, subdomain: 5, 'tld-swap': 5, transposition: 6, various: 3, 'vowel-swap': 2 },
    'shop-online.fr': { addition: 72, bitsquatting: 45, homoglyph: 482, hyphenation: 9, insertion: 85, omission: 11, plural: 6, repetition: 5, replacement: 41, subdomain: 7, 'tld-swap': 5, transposition: 9, various: 3, 'vowel-swap': 9 },
  };

  it.each(Object.entries(REFERENCE))('makes as many variants per fuzzer as dnstwist for %s', async (domain, expected) => {
    const result = await findSimilarDomains(domain, { fuzzers: DOMAIN_FUZZERS, suffixes: SUFFIXES, limit: 100_000 });
    expect(result.byFuzzer).toEqual(expected);
    expect(result).toMatchObject({ totalExact: true, truncatedFuzzers: [] });
    expect(result.count).toBe(Object.values(expected).reduce((sum, count) => sum + count, 0));
    expect(result.total).toBe(result.count);
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
    // All but cyrillic, which has no Cyrillic look-alike for r or n.
    expect(new Set(result.variants.map((variant) => variant.fuzzer))).toEqual(new Set(DOMAIN_FUZZERS.filter((fuzzer) => fuzzer !== 'cyrillic')));
  });

  it.each([
    ['a 63-character name', `${LABEL_63}.com`],
    ['a 253-character hostname', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(57)}.${LABEL_63}.com`],
  ])('counts every variant of %s at the default limit, as only ASCII look-alikes fit', async (_, domain) => {
    const result = await findSimilarDomains(domain, { fuzzers: DOMAIN_FUZZERS, suffixes: SUFFIXES, limit: 10_000 });
    expect(result).toMatchObject({ totalExact: true, truncatedFuzzers: [] });
    expect(result.count).toBe(Math.min(result.total, 10_000));
    expect(result.byFuzzer.homoglyph).toBeGreaterThan(100);
    for (const variant of result.variants) expect(variant.punycode).toBe(variant.domain);
  });

  it('stops a fuzzer at its bound of candidates and says its count is a lower bound', async () => {
    const result = await findSimilarDomains(`${'o'.repeat(40)}.com`, { fuzzers: ['omission', 'homoglyph'], suffixes: SUFFIXES, limit: 1000 });
    expect(result).toMatchObject({ totalExact: false, truncatedFuzzers: ['homoglyph'], count: 1000 });
    expect(result.byFuzzer.homoglyph).toBeGreaterThan(1000);
    expect(result.byFuzzer.homoglyph).toBeLessThanOrEqual(CANDIDATES_PER_FUZZER);
    expect(result.total).toBe((result.byFuzzer.homoglyph ?? 0) + 1);
  }, 120_000);

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

import { describe, expect, it } from '@jest/globals';
import {
  addition,
  bitsquatting,
  homoglyph,
  hyphenation,
  insertion,
  InvalidDomainError,
  omission,
  repetition,
  replacement,
  splitDomain,
  subdomain,
  toHostname,
  transposition,
  various,
  vowelSwap,
} from './domain-fuzzers.js';

const all = (values: Iterable<string>): string[] => [...new Set(values)].sort();

describe('splitDomain', () => {
  it('splits at the public suffix, keeping subdomains, in Unicode', () => {
    expect(splitDomain('shop.example.co.uk')).toEqual({ subdomain: 'shop', name: 'example', suffix: 'co.uk' });
    expect(splitDomain('BÜCHER.de.')).toEqual({ subdomain: '', name: 'bücher', suffix: 'de' });
    expect(splitDomain('xn--bcher-kva.de')).toEqual({ subdomain: '', name: 'bücher', suffix: 'de' });
    expect(splitDomain('example.unknowntld')).toEqual({ subdomain: '', name: 'example', suffix: 'unknowntld' });
  });

  it('refuses a bare public suffix', () => {
    expect(() => splitDomain('co.uk')).toThrow(InvalidDomainError);
  });
});

describe('toHostname', () => {
  it('gives the IDNA ASCII form of valid hostnames', () => {
    expect(toHostname('bücher.de')).toBe('xn--bcher-kva.de');
    expect(toHostname('a.co')).toBe('a.co');
    expect(toHostname(`${'a'.repeat(63)}.com`)).toBe(`${'a'.repeat(63)}.com`);
  });

  it('refuses what DNS or IDNA 2008 would not take', () => {
    for (const invalid of ['a..b.com', '-ab.com', 'ab-.com', 'ab--cd.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(126)}com`, 'ab.c', 'a_b.com', 'a b.com']) {
      expect(toHostname(invalid)).toBeNull();
    }
  });
});

describe('fuzzers', () => {
  it('addition appends each letter and digit', () => {
    const variants = all(addition('ab'));
    expect(variants).toHaveLength(36);
    expect(variants).toEqual(expect.arrayContaining(['ab0', 'ab9', 'aba', 'abz']));
  });

  it('bitsquatting flips one bit where a hostname character results', () => {
    expect(all(bitsquatting('a'))).toEqual(['c', 'e', 'i', 'q']);
    expect(all(bitsquatting('-'))).toEqual(['m']);
  });

  it('hyphenation, omission, repetition and transposition', () => {
    expect(all(hyphenation('abc'))).toEqual(['a-bc', 'ab-c']);
    expect(all(omission('abc'))).toEqual(['ab', 'ac', 'bc']);
    expect(all(repetition('abc'))).toEqual(['aabc', 'abbc', 'abcc']);
    expect(all(transposition('abc'))).toEqual(['acb', 'bac']);
  });

  it('replacement and insertion use QWERTY, QWERTZ and AZERTY neighbours', () => {
    // a: q w s z on QWERTY and QWERTZ (y beside it on QWERTZ), z q 1 2 on AZERTY.
    expect(all(replacement('a'))).toEqual(['1', '2', 'q', 's', 'w', 'y', 'z']);
    // b sits between v and n below g and h on all three layouts.
    expect(all(insertion('abc'))).toEqual(['abgc', 'abhc', 'abnc', 'abvc', 'agbc', 'ahbc', 'anbc', 'avbc']);
  });

  it('subdomain puts a dot inside, never next to a hyphen', () => {
    expect(all(subdomain('abcd'))).toEqual(['a.bcd', 'ab.cd']);
    expect(all(subdomain('a-bc'))).toEqual([]);
  });

  it('vowel-swap swaps vowels only', () => {
    expect(all(vowelSwap('tab'))).toEqual(['tab', 'teb', 'tib', 'tob', 'tub']);
    expect(all(vowelSwap('xyz'))).toEqual([]);
  });

  it('homoglyph swaps look-alikes, one or two characters deep', () => {
    const variants = all(homoglyph('ml'));
    expect(variants).toEqual(expect.arrayContaining(['rnl', 'm1', 'rn1', 'ṁl', 'nl', 'mi', 'ṁ1']));
    // A second swap can undo the first; the input is dropped where variants are gathered.
    expect(variants).toContain('ml');
    expect(all(homoglyph('ml')).every((variant) => /^[^A-Z]+$/.test(variant))).toBe(true);
  });

  it('various plays with dots and hyphens around the suffix and subdomains', () => {
    expect(all(various({ subdomain: '', name: 'example', suffix: 'de' }))).toEqual(['example-de.com', 'examplede.de']);
    expect(all(various({ subdomain: '', name: 'example', suffix: 'co.uk' }))).toEqual(['example.uk', 'exampleco.uk']);
    expect(all(various({ subdomain: 'a.b', name: 'shop', suffix: 'com' }))).toEqual(['a-b-shop.com', 'a.b-shop.com', 'a.b.shopcom.com', 'a.bshop.com', 'abshop.com']);
  });
});

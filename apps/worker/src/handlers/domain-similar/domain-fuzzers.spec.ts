import { describe, expect, it } from '@jest/globals';
import {
  addition,
  bitsquatting,
  cyrillic,
  hyphenation,
  insertion,
  omission,
  plural,
  repetition,
  replacement,
  subdomain,
  transposition,
  various,
  vowelSwap,
} from './domain-fuzzers.js';
import { InvalidDomainError, splitDomain, toHostname } from './domain-names.js';

const all = (values: Iterable<string>): string[] => [...new Set(values)].sort();

describe('splitDomain', () => {
  it('splits at the public suffix, keeping subdomains, in Unicode', () => {
    expect(splitDomain('shop.example.co.uk')).toEqual({ subdomain: 'shop', name: 'example', suffix: 'co.uk' });
    expect(splitDomain('BÜCHER.de.')).toEqual({ subdomain: '', name: 'bücher', suffix: 'de' });
    expect(splitDomain('xn--bcher-kva.de')).toEqual({ subdomain: '', name: 'bücher', suffix: 'de' });
    expect(splitDomain('example.unknowntld')).toEqual({ subdomain: '', name: 'example', suffix: 'unknowntld' });
    // A label alone would read as an IPv4 number.
    expect(splitDomain('19.co')).toEqual({ subdomain: '', name: '19', suffix: 'co' });
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
    // Hyphen rules apply to Unicode labels too, whose ASCII form would pass: `-ünchen` is `xn---nchen-3ya`.
    for (const invalid of ['-ünchen.de', 'ünchen-.de', 'ab--ü.com', 'xn--zz.com', 'a..b.com', '-ab.com', 'ab-.com', 'ab--cd.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(126)}com`, 'ab.c', 'a_b.com', 'a b.com']) {
      expect(toHostname(invalid)).toBeNull();
    }
  });
});

describe('fuzzers', () => {
  it('addition appends each letter and digit, to the name and to each word before a hyphen', () => {
    const variants = all(addition('ab'));
    expect(variants).toHaveLength(36);
    expect(variants).toEqual(expect.arrayContaining(['ab0', 'ab9', 'aba', 'abz']));
    expect(all(addition('a-b-c'))).toHaveLength(3 * 36);
    expect(all(addition('a-b-c'))).toEqual(expect.arrayContaining(['a1-b-c', 'a-bz-c', 'a-b-c0']));
  });

  it('cyrillic writes the whole name in Cyrillic look-alikes, or not at all', () => {
    expect(all(cyrillic('google'))).toEqual(['ԍооԍӏе']);
    expect(all(cyrillic('fun'))).toEqual([]);
    expect(all(cyrillic('go-ogle'))).toEqual([]);
  });

  it('plural adds s, or es after s, x and z, after an inner character', () => {
    expect(all(plural('google'))).toEqual(['googsle', 'goosgle']);
    expect(all(plural('boxbox'))).toEqual(['boxbsox', 'boxesbox']);
    expect(all(plural('abcd'))).toEqual([]);
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
    // Before and after every character but the last: the first one too (b sits between v and n below g and h on all three layouts).
    const around = (character: string, keys: string): string[] => [...keys].flatMap((key) => [key + character, character + key]);
    const expected = [...around('a', '12qswyz').map((pair) => `${pair}bc`), ...around('b', 'ghnv').map((pair) => `a${pair}c`)];
    expect(all(insertion('abc'))).toEqual(expected.sort());
  });

  it('subdomain puts a dot inside, never next to a hyphen', () => {
    expect(all(subdomain('abcd'))).toEqual(['a.bcd', 'ab.cd']);
    expect(all(subdomain('a-bc'))).toEqual([]);
  });

  it('vowel-swap swaps vowels only', () => {
    expect(all(vowelSwap('tab'))).toEqual(['tab', 'teb', 'tib', 'tob', 'tub']);
    expect(all(vowelSwap('xyz'))).toEqual([]);
  });

  it('various plays with dots and hyphens around the suffix and subdomains', () => {
    expect(all(various({ subdomain: '', name: 'example', suffix: 'de' }))).toEqual(['example-de.com', 'examplede.com', 'examplede.de']);
    expect(all(various({ subdomain: '', name: 'example', suffix: 'co.uk' }))).toEqual(['example.uk', 'exampleco.uk']);
    expect(all(various({ subdomain: 'a.b', name: 'shop', suffix: 'com' }))).toEqual(['a-b-shop.com', 'a.b-shop.com', 'a.b.shopcom.com', 'a.bshop.com', 'abshop.com']);
  });
});

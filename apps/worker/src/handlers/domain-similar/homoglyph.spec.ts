import { domainToASCII } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { glyphsFor, homoglyph, unicodeFits } from './homoglyph.js';

const all = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const count = (values: Iterable<string>): number => {
  let made = 0;
  for (const _ of values) made += 1;
  return made;
};
const LABEL_63 = 'internationalbusinessmachinescorporationcustomersupportportal01';

describe('homoglyph', () => {
  it('swaps one character, or one or both of two neighbours, then swaps again', () => {
    const ascii = glyphsFor('com', false);
    // rn passes for m, and m for rn; 1 for l; a second swap can undo the first.
    expect(all(homoglyph('rn', ascii))).toEqual(expect.arrayContaining(['m', 'n', 'nn', 'rr', 'rnn', 'rm', 'rrn', 'rn']));
    // In a window of two equal characters both are swapped: oo → 00.
    expect(all(homoglyph('oo', ascii))).toEqual(['00', '0o', 'o0', 'oo']);
  });

  it('uses the Unicode look-alikes each registry accepts: none under uk, the German ones under de', () => {
    expect(all(homoglyph('ab', glyphsFor('co.uk', true))).every((variant) => /^[a-z0-9]+$/.test(variant))).toBe(true);
    expect(all(homoglyph('a', glyphsFor('de', true)))).toEqual(all(['á', 'à', 'ă', 'â', 'å', 'ä', 'ã', 'ą', 'ā']));
    expect(all(homoglyph('a', glyphsFor('com', true)))).toContain('ɑ');
  });

  it('has only Unicode glyphs that IDNA keeps Unicode, so leaving them out of names without room loses no hostname', () => {
    const asciiKeys = new Set(glyphsFor('com', false).keys());
    for (const suffix of ['com', 'de', 'info', 'br', 'dk', 'fi', 'no', 'fr', 'ca']) {
      for (const [key, glyphs] of glyphsFor(suffix, true)) {
        const asciiGlyphs = new Set(glyphsFor(suffix, false).get(key) ?? []);
        for (const glyph of glyphs.filter((each) => !asciiGlyphs.has(each))) {
          expect(glyph).toMatch(/^[^\x00-\x7f]$/);
          expect(['', expect.stringMatching(/^xn--/)]).toContainEqual(domainToASCII(`a${glyph}b.com`).split('.')[0] ?? '');
        }
      }
      expect([...glyphsFor(suffix, true).keys()].every((key) => /^[a-z0-9]{1,2}$/.test(key))).toBe(true);
    }
    expect(asciiKeys.size).toBeGreaterThan(20);
  });

  it('leaves Unicode out only where no encoded label could fit', () => {
    expect(unicodeFits('a'.repeat(61), 63)).toBe(true);
    expect(unicodeFits('a'.repeat(62), 63)).toBe(false);
    expect(unicodeFits('a'.repeat(20), 21)).toBe(false);
  });

  it('makes a bounded number of candidates for the longest label, and yields its first ones at once', () => {
    // dnstwist's algorithm on a 63-character name with every Unicode glyph would make tens of millions.
    expect(count(homoglyph(LABEL_63, glyphsFor('com', unicodeFits(LABEL_63, 63))))).toBeLessThan(100_000);
    const lazy = homoglyph('o'.repeat(63), glyphsFor('com', true));
    const first = Array.from({ length: 5 }, () => lazy.next().value);
    expect(first).toEqual(['0', 'ö', 'ó', 'ȯ', 'ỏ'].map((glyph) => glyph + 'o'.repeat(62)));
  });
});

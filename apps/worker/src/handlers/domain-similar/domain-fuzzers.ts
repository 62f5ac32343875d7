import { domainToASCII, domainToUnicode } from 'node:url';
import type { DomainFuzzer } from '@jobs/contracts';
import { parse } from 'tldts';

/** A domain in its three parts, each in Unicode: `shop` · `bücher` · `co.uk`. */
export interface DomainParts {
  subdomain: string;
  name: string;
  suffix: string;
}

export class InvalidDomainError extends Error {
  readonly code = 'InvalidDomain';
}

/** Splits at the public suffix (ICANN section of the Public Suffix List; an unknown TLD counts as one label). */
export function splitDomain(input: string): DomainParts {
  const ascii = domainToASCII(input.trim().toLowerCase().replace(/\.$/, ''));
  const parsed = parse(ascii, { allowPrivateDomains: false, extractHostname: false });
  if (!ascii || !parsed.domainWithoutSuffix || !parsed.publicSuffix) {
    throw new InvalidDomainError(`${input} has no registrable name before its public suffix`);
  }
  return { subdomain: domainToUnicode(parsed.subdomain ?? ''), name: domainToUnicode(parsed.domainWithoutSuffix), suffix: domainToUnicode(parsed.publicSuffix) };
}

export function joinDomain(parts: DomainParts): string {
  return [parts.subdomain, parts.name, parts.suffix].filter(Boolean).join('.');
}

const VALID_ASCII_HOSTNAME = /^(?=.{4,253}$)((?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z0-9-]{2,63}$/;

/**
 * The IDNA ASCII form of a candidate, or null when it is no valid hostname: labels of 1–63 letters,
 * digits and inner hyphens, 253 characters at most, and no `--` in the third and fourth place but
 * for the `xn--` of an encoded Unicode label (IDNA 2008 reserves it).
 */
export function toHostname(candidate: string): string | null {
  const ascii = domainToASCII(candidate);
  if (!ascii || !VALID_ASCII_HOSTNAME.test(ascii)) return null;
  for (const label of ascii.split('.')) {
    if (label.slice(2, 4) === '--' && (!label.startsWith('xn--') || domainToUnicode(label) === label)) return null;
  }
  return ascii;
}

/** Keyboard rows, each shifted half a key right of the one above: neighbours are found by position. */
const KEYBOARD_ROWS: Readonly<Record<'qwerty' | 'qwertz' | 'azerty', readonly string[]>> = {
  qwerty: ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  qwertz: ['1234567890', 'qwertzuiop', 'asdfghjkl', 'yxcvbnm'],
  azerty: ['1234567890', 'azertyuiop', 'qsdfghjklm', 'wxcvbn'],
};

/** For each key, the keys around it: left and right, the two above it and the two below it. */
function neighbours(rows: readonly string[]): ReadonlyMap<string, string> {
  const around = new Map<string, string>();
  rows.forEach((row, r) => {
    [...row].forEach((key, c) => {
      const near = [row[c - 1], row[c + 1], rows[r - 1]?.[c], rows[r - 1]?.[c + 1], rows[r + 1]?.[c - 1], rows[r + 1]?.[c]];
      around.set(key, near.filter((neighbour): neighbour is string => neighbour !== undefined).join(''));
    });
  });
  return around;
}

const KEYBOARDS = Object.values(KEYBOARD_ROWS).map(neighbours);

/**
 * Characters that pass for others in common fonts: accented and IPA Latin letters, small capitals,
 * hooks and strokes, and ASCII look-alikes (`rn` for `m`, `vv` for `w`, `0` for `o`). Cyrillic and
 * Greek look-alikes are left out, as dnstwist keeps them out of its homoglyph fuzzer.
 */
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['o'],
  '1': ['l', 'i'],
  '3': ['8'],
  '5': ['s'],
  '6': ['b'],
  '8': ['3', 'b'],
  '9': ['g', 'q'],
  a: ['à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą', 'ǎ', 'ȧ', 'ạ', 'ɑ'],
  b: ['d', 'lb', 'ḃ', 'ḅ', 'ḇ', 'ɓ', 'ƅ'],
  c: ['e', 'ç', 'ć', 'ĉ', 'ċ', 'č', 'ƈ'],
  d: ['b', 'cl', 'dl', 'ď', 'đ', 'ḋ', 'ḍ', 'ḏ', 'ḑ', 'ɗ'],
  e: ['c', 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě', 'ẹ', 'ȩ'],
  f: ['ƒ', 'ḟ'],
  g: ['q', 'ĝ', 'ğ', 'ġ', 'ģ', 'ǧ', 'ǵ', 'ɡ'],
  h: ['lh', 'ĥ', 'ħ', 'ȟ', 'ḣ', 'ḥ', 'ḧ', 'ḩ', 'ẖ'],
  i: ['1', 'l', 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı', 'ǐ', 'ỉ', 'ị'],
  j: ['ĵ', 'ǰ', 'ʝ'],
  k: ['lk', 'ik', 'ķ', 'ḳ', 'ḵ'],
  l: ['1', 'i', 'ĺ', 'ļ', 'ľ', 'ł', 'ḷ'],
  m: ['n', 'nn', 'rn', 'ḿ', 'ṁ', 'ṃ'],
  n: ['m', 'r', 'ñ', 'ń', 'ņ', 'ň', 'ǹ', 'ṅ', 'ṇ'],
  o: ['0', 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő', 'ơ', 'ọ', 'ỏ'],
  p: ['ṕ', 'ṗ', 'ƥ'],
  q: ['g', 'ʠ'],
  r: ['ŕ', 'ŗ', 'ř', 'ȑ', 'ȓ', 'ṙ', 'ṛ', 'ɍ'],
  s: ['5', 'ś', 'ŝ', 'ş', 'š', 'ș', 'ṡ', 'ṣ'],
  t: ['ţ', 'ť', 'ŧ', 'ț', 'ṫ', 'ṭ'],
  u: ['ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų', 'ư', 'ǔ', 'ụ'],
  v: ['ṽ', 'ṿ', 'ʋ'],
  w: ['vv', 'ŵ', 'ẁ', 'ẃ', 'ẅ', 'ẇ', 'ẉ'],
  x: ['ẋ', 'ẍ'],
  y: ['ý', 'ÿ', 'ŷ', 'ȳ', 'ẏ', 'ỳ', 'ỵ'],
  z: ['ź', 'ż', 'ž', 'ẓ', 'ẕ', 'ƶ'],
};

const ALPHANUMERIC = [...'0123456789abcdefghijklmnopqrstuvwxyz'];
const HOSTNAME_CHARACTERS = new Set([...'abcdefghijklmnopqrstuvwxyz0123456789-']);
const VOWELS = 'aeiou';

/** One more letter or digit at the end: `example1`, `examplez`. */
export function* addition(name: string): Generator<string> {
  for (const character of ALPHANUMERIC) yield name + character;
}

/** One bit of one character flipped, where the result is still a hostname character (memory errors). */
export function* bitsquatting(name: string): Generator<string> {
  const characters = [...name];
  for (let index = 0; index < characters.length; index += 1) {
    const code = characters[index]?.codePointAt(0) ?? 0;
    for (let bit = 0; bit < 8; bit += 1) {
      const flipped = String.fromCodePoint(code ^ (1 << bit));
      if (HOSTNAME_CHARACTERS.has(flipped)) yield [...characters.slice(0, index), flipped, ...characters.slice(index + 1)].join('');
    }
  }
}

/** Look-alike characters, as dnstwist makes them: in every window, one character's occurrences swapped; then again on each result. */
export function* homoglyph(name: string): Generator<string> {
  const seen = new Set<string>();
  for (const first of mixGlyphs(name)) {
    if (seen.has(first)) continue;
    seen.add(first);
    yield first;
  }
  for (const first of [...seen]) {
    for (const second of mixGlyphs(first)) {
      if (seen.has(second)) continue;
      seen.add(second);
      yield second;
    }
  }
}

function* mixGlyphs(name: string): Generator<string> {
  const characters = [...name];
  for (let width = 1; width < characters.length; width += 1) {
    for (let start = 0; start + width <= characters.length; start += 1) {
      const window = characters.slice(start, start + width);
      const before = characters.slice(0, start).join('');
      const after = characters.slice(start + width).join('');
      for (const character of new Set(window)) {
        for (const glyph of GLYPHS[character] ?? []) yield before + window.map((each) => (each === character ? glyph : each)).join('') + after;
      }
    }
  }
}

/** A hyphen between any two characters. */
export function* hyphenation(name: string): Generator<string> {
  for (let index = 1; index < name.length; index += 1) yield `${name.slice(0, index)}-${name.slice(index)}`;
}

/** A neighbouring key (QWERTY, QWERTZ, AZERTY) typed before or after an inner character. */
export function* insertion(name: string): Generator<string> {
  for (let index = 1; index < name.length - 1; index += 1) {
    const character = name[index] ?? '';
    for (const keyboard of KEYBOARDS) {
      for (const key of keyboard.get(character) ?? '') {
        yield name.slice(0, index) + key + name.slice(index);
        yield name.slice(0, index + 1) + key + name.slice(index + 1);
      }
    }
  }
}

/** One character left out. */
export function* omission(name: string): Generator<string> {
  for (let index = 0; index < name.length; index += 1) yield name.slice(0, index) + name.slice(index + 1);
}

/** One character typed twice. */
export function* repetition(name: string): Generator<string> {
  for (let index = 0; index < name.length; index += 1) yield name.slice(0, index + 1) + name.slice(index);
}

/** One character replaced by a neighbouring key. */
export function* replacement(name: string): Generator<string> {
  for (let index = 0; index < name.length; index += 1) {
    for (const keyboard of KEYBOARDS) {
      for (const key of keyboard.get(name[index] ?? '') ?? '') yield name.slice(0, index) + key + name.slice(index + 1);
    }
  }
}

/** A dot inside the name, making a subdomain of a shorter name: `exam.ple`. */
export function* subdomain(name: string): Generator<string> {
  for (let index = 1; index < name.length - 1; index += 1) {
    if (!'-.'.includes(name[index] ?? '') && !'-.'.includes(name[index - 1] ?? '')) yield `${name.slice(0, index)}.${name.slice(index)}`;
  }
}

/** Two neighbouring characters swapped. */
export function* transposition(name: string): Generator<string> {
  for (let index = 0; index < name.length - 1; index += 1) yield name.slice(0, index) + (name[index + 1] ?? '') + (name[index] ?? '') + name.slice(index + 2);
}

/** A vowel replaced by another vowel. */
export function* vowelSwap(name: string): Generator<string> {
  for (let index = 0; index < name.length; index += 1) {
    if (!VOWELS.includes(name[index] ?? '')) continue;
    for (const vowel of VOWELS) yield name.slice(0, index) + vowel + name.slice(index + 1);
  }
}

/** Fuzzers of the name alone: their variants keep the subdomain and suffix. */
export const NAME_FUZZERS: ReadonlyArray<[DomainFuzzer, (name: string) => Iterable<string>]> = [
  ['addition', addition],
  ['bitsquatting', bitsquatting],
  ['homoglyph', homoglyph],
  ['hyphenation', hyphenation],
  ['insertion', insertion],
  ['omission', omission],
  ['repetition', repetition],
  ['replacement', replacement],
  ['subdomain', subdomain],
  ['transposition', transposition],
  ['vowel-swap', vowelSwap],
];

/** The same name under other suffixes. */
export function* tldSwap(parts: DomainParts, suffixes: readonly string[]): Generator<string> {
  for (const suffix of suffixes) if (suffix !== parts.suffix) yield joinDomain({ ...parts, suffix });
}

/** Dot and hyphen tricks around the suffix and subdomains: `examplecom.com`, `example-de.com`, `example.uk`, `shopexample.com`. */
export function* various(parts: DomainParts): Generator<string> {
  const { subdomain: sub, name, suffix } = parts;
  if (suffix.includes('.')) {
    yield joinDomain({ subdomain: sub, name, suffix: suffix.split('.').pop() ?? suffix });
    yield joinDomain({ subdomain: sub, name: name + suffix, suffix: '' });
  } else {
    yield joinDomain({ subdomain: sub, name: name + suffix, suffix });
    if (suffix !== 'com') yield joinDomain({ subdomain: sub, name: `${name}-${suffix}`, suffix: 'com' });
  }
  if (sub) {
    yield joinDomain({ subdomain: '', name: sub + name, suffix });
    yield joinDomain({ subdomain: '', name: sub.replaceAll('.', '') + name, suffix });
    yield joinDomain({ subdomain: '', name: `${sub}-${name}`, suffix });
    yield joinDomain({ subdomain: '', name: `${sub.replaceAll('.', '-')}-${name}`, suffix });
  }
}

/**
 * Suffixes tried by `tld-swap` when the payload names none: the most registered generic and
 * country-code TLDs, and those most often seen in phishing and malware campaigns.
 */
export const DEFAULT_SWAP_SUFFIXES: readonly string[] = [
  'com', 'net', 'org', 'info', 'biz', 'co', 'io', 'app', 'dev', 'xyz', 'online', 'site', 'top', 'shop', 'store', 'club', 'live',
  'click', 'link', 'icu', 'vip', 'work', 'support', 'cc', 'tk', 'ml', 'ga', 'cf', 'gq', 'me', 'us', 'uk', 'co.uk', 'de', 'fr', 'it',
  'es', 'nl', 'eu', 'ru', 'cn', 'in', 'br', 'au', 'ca', 'jp', 'pl', 'ch',
];

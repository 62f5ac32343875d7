/**
 * The fuzzers of dnstwist 20250130 (commit 3413953) but `dictionary`, on a name's characters
 * (code points, as Python indexes them); `homoglyph` is in its own file.
 */
import type { DomainFuzzer } from '@jobs/contracts';
import { type DomainParts, joinDomain } from './domain-names.js';

/** dnstwist's keyboard maps: for each key, the keys around it. */
const KEYBOARDS: ReadonlyArray<Readonly<Record<string, string>>> = [
  // QWERTY
  {
    '1': '2q', '2': '3wq1', '3': '4ew2', '4': '5re3', '5': '6tr4', '6': '7yt5', '7': '8uy6', '8': '9iu7', '9': '0oi8', '0': 'po9',
    q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0',
    a: 'qwsz', s: 'edxzaw', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'ikmnhu', k: 'olmji', l: 'kop',
    z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
  },
  // QWERTZ
  {
    '1': '2q', '2': '3wq1', '3': '4ew2', '4': '5re3', '5': '6tr4', '6': '7zt5', '7': '8uz6', '8': '9iu7', '9': '0oi8', '0': 'po9',
    q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6zgfr5', z: '7uhgt6', u: '8ijhz7', i: '9okju8', o: '0plki9', p: 'lo0',
    a: 'qwsy', s: 'edxyaw', d: 'rfcxse', f: 'tgvcdr', g: 'zhbvft', h: 'ujnbgz', j: 'ikmnhu', k: 'olmji', l: 'kop',
    y: 'asx', x: 'ysdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
  },
  // AZERTY
  {
    '1': '2a', '2': '3za1', '3': '4ez2', '4': '5re3', '5': '6tr4', '6': '7yt5', '7': '8uy6', '8': '9iu7', '9': '0oi8', '0': 'po9',
    a: '2zq1', z: '3esqa2', e: '4rdsz3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0m',
    q: 'zswa', s: 'edxwqz', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'iknhu', k: 'olji', l: 'kopm', m: 'lp',
    w: 'sxq', x: 'wsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhj',
  },
];

/** Latin letters and the Cyrillic letters that look the same. */
const CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'ь', c: 'с', d: 'ԁ', e: 'е', g: 'ԍ', h: 'һ', i: 'і', j: 'ј', k: 'к', l: 'ӏ', m: 'м', o: 'о', p: 'р', q: 'ԛ', s: 'ѕ',
  t: 'т', v: 'ѵ', w: 'ԝ', x: 'х', y: 'у',
};

const ALPHANUMERIC = [...'0123456789abcdefghijklmnopqrstuvwxyz'];
const HOSTNAME_CHARACTERS = new Set([...'abcdefghijklmnopqrstuvwxyz0123456789-']);
const VOWELS = 'aeiou';

/** The name with `replacement` in place of `count` characters at `index`. */
function splice(characters: readonly string[], index: number, count: number, replacement: string): string {
  return characters.slice(0, index).join('') + replacement + characters.slice(index + count).join('');
}

/** One more letter or digit at the end, or at the end of any word before a hyphen: `example1`, `shopx-online`. */
export function* addition(name: string): Generator<string> {
  const words = name.split('-');
  for (const character of ALPHANUMERIC) {
    for (let word = 1; word < words.length; word += 1) yield `${words.slice(0, word).join('-')}${character}-${words.slice(word).join('-')}`;
  }
  for (const character of ALPHANUMERIC) yield name + character;
}

/** One bit of one character flipped, where the result is still a hostname character (memory errors). */
export function* bitsquatting(name: string): Generator<string> {
  const characters = Array.from(name);
  for (const [index, character] of characters.entries()) {
    const code = character.codePointAt(0) ?? 0;
    for (let bit = 0; bit < 8; bit += 1) {
      const flipped = String.fromCodePoint(code ^ (1 << bit));
      if (HOSTNAME_CHARACTERS.has(flipped)) yield splice(characters, index, 1, flipped);
    }
  }
}

/** The whole name in Cyrillic look-alikes, when every character has one: `ԍооԍӏе`. */
export function* cyrillic(name: string): Generator<string> {
  const characters = Array.from(name);
  if (characters.every((character) => CYRILLIC[character] !== undefined)) yield characters.map((character) => CYRILLIC[character]).join('');
}

/** A hyphen between any two characters. */
export function* hyphenation(name: string): Generator<string> {
  const characters = Array.from(name);
  for (let index = 1; index < characters.length; index += 1) yield splice(characters, index, 0, '-');
}

/** A neighbouring key (QWERTY, QWERTZ, AZERTY) typed before or after any character but the last. */
export function* insertion(name: string): Generator<string> {
  const characters = Array.from(name);
  for (let index = 0; index < characters.length - 1; index += 1) {
    const character = characters[index] ?? '';
    for (const keyboard of KEYBOARDS) {
      for (const key of keyboard[character] ?? '') {
        yield splice(characters, index, 1, key + character);
        yield splice(characters, index, 1, character + key);
      }
    }
  }
}

/** One character left out. */
export function* omission(name: string): Generator<string> {
  const characters = Array.from(name);
  for (let index = 0; index < characters.length; index += 1) yield splice(characters, index, 1, '');
}

/** An `s` (`es` after s, x or z) after an inner character, as if a word were plural: `googles`, `gooxesle`. */
export function* plural(name: string): Generator<string> {
  const characters = Array.from(name);
  for (let index = 2; index < characters.length - 2; index += 1) {
    const character = characters[index] ?? '';
    yield splice(characters, index + 1, 0, 'sxz'.includes(character) ? 'es' : 's');
  }
}

/** One character typed twice. */
export function* repetition(name: string): Generator<string> {
  const characters = Array.from(name);
  for (const [index, character] of characters.entries()) yield splice(characters, index, 0, character);
}

/** One character replaced by a neighbouring key. */
export function* replacement(name: string): Generator<string> {
  const characters = Array.from(name);
  for (const [index, character] of characters.entries()) {
    for (const keyboard of KEYBOARDS) {
      for (const key of keyboard[character] ?? '') yield splice(characters, index, 1, key);
    }
  }
}

/** A dot inside the name, making a subdomain of a shorter name: `exam.ple`. */
export function* subdomain(name: string): Generator<string> {
  const characters = Array.from(name);
  for (let index = 1; index < characters.length - 1; index += 1) {
    if (!'-.'.includes(characters[index] ?? '') && !'-.'.includes(characters[index - 1] ?? '')) yield splice(characters, index, 0, '.');
  }
}

/** Two neighbouring characters swapped. */
export function* transposition(name: string): Generator<string> {
  const characters = Array.from(name);
  for (let index = 0; index + 1 < characters.length; index += 1) yield splice(characters, index, 2, (characters[index + 1] ?? '') + (characters[index] ?? ''));
}

/** A vowel replaced by another vowel. */
export function* vowelSwap(name: string): Generator<string> {
  const characters = Array.from(name);
  for (const [index, character] of characters.entries()) {
    if (!VOWELS.includes(character)) continue;
    for (const vowel of VOWELS) yield splice(characters, index, 1, vowel);
  }
}

/** Fuzzers of the name alone, but for `homoglyph`: their variants keep the subdomain and suffix. */
export const NAME_FUZZERS: ReadonlyMap<DomainFuzzer, (name: string) => Iterable<string>> = new Map<DomainFuzzer, (name: string) => Iterable<string>>([
  ['addition', addition],
  ['bitsquatting', bitsquatting],
  ['cyrillic', cyrillic],
  ['hyphenation', hyphenation],
  ['insertion', insertion],
  ['omission', omission],
  ['plural', plural],
  ['repetition', repetition],
  ['replacement', replacement],
  ['subdomain', subdomain],
  ['transposition', transposition],
  ['vowel-swap', vowelSwap],
]);

/** The same name under other suffixes. */
export function* tldSwap(parts: DomainParts, suffixes: readonly string[]): Generator<string> {
  for (const suffix of suffixes) if (suffix !== parts.suffix) yield joinDomain({ ...parts, suffix });
}

/** Dot and hyphen tricks around the suffix and subdomains: `examplecom.com`, `example-de.com`, `examplede.com`, `example.uk`, `shopexample.com`. */
export function* various(parts: DomainParts): Generator<string> {
  const { subdomain: sub, name, suffix } = parts;
  if (suffix.includes('.')) {
    yield joinDomain({ subdomain: sub, name, suffix: suffix.split('.').pop() ?? suffix });
    yield joinDomain({ subdomain: sub, name: name + suffix, suffix: '' });
  } else {
    yield joinDomain({ subdomain: sub, name: name + suffix, suffix });
    if (suffix !== 'com') {
      yield joinDomain({ subdomain: sub, name: `${name}-${suffix}`, suffix: 'com' });
      yield joinDomain({ subdomain: sub, name: name + suffix, suffix: 'com' });
    }
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

/**
 * The homoglyph fuzzer of dnstwist 20250130 (commit 3413953): its look-alike tables and its two
 * passes, made lazy, and bounded where a label has no room for Unicode.
 */

/** Look-alikes by what they stand for: a character, or two (`rn` passes for `m`). */
type GlyphTable = Readonly<Record<string, string | readonly string[]>>;

/** ASCII look-alikes, used under every suffix. */
const ASCII_GLYPHS: GlyphTable = {
  '0': ['o'], '1': ['l', 'i'], '3': ['8'], '6': ['9'], '8': ['3'], '9': ['6'], b: ['d', 'lb'], c: ['e'], d: ['b', 'cl', 'dl'], e: ['c'],
  g: ['q'], h: ['lh'], i: ['1', 'l'], k: ['lc'], l: ['1', 'i'], m: ['n', 'nn', 'rn'], n: ['m', 'r'], o: ['0'], q: ['g'], u: ['v'],
  v: ['u'], w: ['vv'], rn: ['m'], cl: ['d'],
};

/** Unicode look-alikes (each string one glyph per character) under suffixes without a table of their own. */
const UNICODE_GLYPHS: GlyphTable = {
  '2': 'ƻ', '3': 'ʒ', '5': 'ƽ', a: 'ạăȧɑåąâǎáəäãāà', b: 'ḃḅƅʙḇɓ', c: 'čᴄċçćĉƈ', d: 'ďḍḋɖḏɗḓḑđ', e: 'êẹęèḛěɇėĕéëēȩ', f: 'ḟƒ',
  g: 'ǧġǵğɡǥĝģɢ', h: 'ȟḫḩḣɦḥḧħẖⱨĥ', i: 'ɩǐíɪỉȋɨïīĩịîıĭįì', j: 'ǰĵʝɉ', k: 'ĸǩⱪḵķᴋḳ', l: 'ĺłɫļľ', m: 'ᴍṁḿṃɱ', n: 'ņǹńňṅṉṇꞑñŋ',
  o: 'öóȯỏôᴏōòŏơőõọø', p: 'ṗƿƥṕ', q: 'ʠ', r: 'ʀȓɍɾřṛɽȑṙŗŕɼṟ', s: 'ṡșŝꜱʂšśṣş', t: 'ťƫţṭṫțŧ', u: 'ᴜųŭūűǔȕưùůʉúȗüûũụ', v: 'ᶌṿᴠⱴⱱṽ',
  w: 'ᴡẇẅẃẘẉⱳŵẁ', x: 'ẋẍ', y: 'ŷÿʏẏɏƴȳýỿỵ', z: 'žƶẓẕⱬᴢżźʐ', ae: 'æ', oe: 'œ',
};

const bySuffix = (suffixes: readonly string[], table: GlyphTable): Record<string, GlyphTable> => Object.fromEntries(suffixes.map((suffix) => [suffix, table]));

/** What each registry accepts in its IDNs: none under `uk` or `jp`, the Latin letters of its languages under `de` or `fr`. */
const UNICODE_GLYPHS_BY_SUFFIX: Readonly<Record<string, GlyphTable>> = {
  ...bySuffix(['ad', 'cz', 'sk', 'uk', 'co.uk', 'nl', 'edu', 'us', 'jp', 'co.jp', 'ad.jp', 'ne.jp', 'cn', 'com.cn', 'tw', 'com.tw', 'net.tw'], {}),
  ...bySuffix(['info'], { a: 'áäåą', c: 'ćč', e: 'éėę', i: 'íį', l: 'ł', n: 'ñń', o: 'óöøő', s: 'śš', u: 'úüūűų', z: 'źżž', ae: 'æ' }),
  ...bySuffix(['br', 'com.br'], { a: 'àáâã', c: 'ç', e: 'éê', i: 'í', o: 'óôõ', u: 'úü', y: 'ýÿ' }),
  ...bySuffix(['dk'], { a: 'äå', e: 'é', o: 'öø', u: 'ü', ae: 'æ' }),
  ...bySuffix(['eu', 'de', 'pl'], {
    a: 'áàăâåäãąā', c: 'ćĉčċç', d: 'ďđ', e: 'éèĕêěëėęē', g: 'ğĝġģ', h: 'ĥħ', i: 'íìĭîïĩįī', j: 'ĵ', k: 'ķĸ', l: 'ĺľļł', n: 'ńňñņ',
    o: 'óòŏôöőõøō', r: 'ŕřŗ', s: 'śŝšş', t: 'ťţŧ', u: 'úùŭûůüűũųū', w: 'ŵ', y: 'ýŷÿ', z: 'źžż', ae: 'æ', oe: 'œ',
  }),
  ...bySuffix(['fi'], { '3': 'ʒ', a: 'áäåâ', c: 'č', d: 'đ', g: 'ǧǥ', k: 'ǩ', n: 'ŋ', o: 'õö', s: 'š', t: 'ŧ', z: 'ž' }),
  ...bySuffix(['no'], { a: 'áàäå', c: 'čç', e: 'éèê', i: 'ï', n: 'ŋńñ', o: 'óòôöø', s: 'š', t: 'ŧ', u: 'ü', z: 'ž', ae: 'æ' }),
  ...bySuffix(['be', 'fr', 're', 'yt', 'pm', 'wf', 'tf', 'ch', 'li'], {
    a: 'àáâãäå', c: 'ç', e: 'èéêë', i: 'ìíîï', n: 'ñ', o: 'òóôõö', u: 'ùúûü', y: 'ýÿ', ae: 'æ', oe: 'œ',
  }),
  ...bySuffix(['ca'], { a: 'àâ', c: 'ç', e: 'èéêë', i: 'îï', o: 'ô', u: 'ùûü', y: 'ÿ', ae: 'æ', oe: 'œ' }),
};

export type Glyphs = ReadonlyMap<string, readonly string[]>;

function merge(...tables: GlyphTable[]): Glyphs {
  const merged = new Map<string, Set<string>>();
  for (const table of tables) {
    for (const [key, glyphs] of Object.entries(table)) {
      const set = merged.get(key) ?? new Set<string>();
      for (const glyph of typeof glyphs === 'string' ? Array.from(glyphs) : glyphs) set.add(glyph);
      merged.set(key, set);
    }
  }
  return new Map([...merged].map(([key, set]) => [key, [...set]]));
}

/**
 * The look-alikes for a name under `suffix` (ASCII ones, and the suffix's Unicode table or the
 * general one), or the ASCII ones alone when `unicodeFits` is false.
 */
export function glyphsFor(suffix: string, unicodeFits: boolean): Glyphs {
  if (!unicodeFits) return merge(ASCII_GLYPHS);
  return merge(ASCII_GLYPHS, UNICODE_GLYPHS_BY_SUFFIX[suffix] ?? UNICODE_GLYPHS);
}

/**
 * Whether a variant of `name` with a Unicode glyph can still be a valid label of at most `maxLength`
 * ASCII characters. Two swaps shorten a name by two characters at most (`rn` → `m`), Unicode glyphs
 * stay Unicode under IDNA, and an encoded label is `xn--` plus at least one character per character.
 */
export function unicodeFits(name: string, maxLength: number): boolean {
  return Array.from(name).length - 2 + 4 <= maxLength;
}

/** One swap: a character by a glyph, or in a window of two, one character's occurrences or both characters. */
function* mix(name: string, glyphs: Glyphs): Generator<string> {
  const characters = Array.from(name);
  for (const [index, character] of characters.entries()) {
    const before = characters.slice(0, index).join('');
    const after = characters.slice(index + 1).join('');
    for (const glyph of glyphs.get(character) ?? []) yield before + glyph + after;
  }
  for (let index = 0; index + 1 < characters.length; index += 1) {
    const pair = characters.slice(index, index + 2);
    const window = pair.join('');
    const before = characters.slice(0, index).join('');
    const after = characters.slice(index + 2).join('');
    for (const key of new Set([...pair, window])) {
      for (const glyph of glyphs.get(key) ?? []) yield before + window.replaceAll(key, glyph) + after;
    }
  }
}

/**
 * Look-alike names: every single swap, then every swap of each of those. Lazy: only the first pass
 * is held (a few thousand names at most); the second, which grows with the square of the name's
 * length, is made as it is consumed. Repeats are left to the consumer, as dnstwist leaves them to a set.
 */
export function* homoglyph(name: string, glyphs: Glyphs): Generator<string> {
  const first = new Set<string>();
  for (const variant of mix(name, glyphs)) {
    if (first.has(variant)) continue;
    first.add(variant);
    yield variant;
  }
  for (const variant of first) yield* mix(variant, glyphs);
}

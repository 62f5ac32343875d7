import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import { INDICATOR_KINDS, type Indicator, type IndicatorKind, type IndicatorsResult } from '@jobs/contracts';
import { refang } from './refang.js';

const require = createRequire(import.meta.url);
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/**
 * IANA's list of top-level domains, so `report.final` or `node.js` are not taken for domains, plus
 * Tor's special-use `.onion`, which matters in threat reports.
 */
const TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set([...(require('tlds') as string[]), 'onion']);
const HOSTNAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*$`);

/** TLDs that are also common file extensions: `setup.py` or `invoice.zip` alone is a file name. */
const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'py', 'sh', 'md', 'rs', 'pl', 'ps', 'cs', 'so', 'ml', 'mp', 'sc', 'pm', 'ai', 'nl', 'do',
]);

const DOMAIN = `(?:${HOST_LABEL}\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]`;

const PATTERNS = {
  url: /\b(?:https?|ftp|sftp):\/\/[^\s<>"'`{}|\\^]+/gi,
  email: new RegExp(`(?<![\\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}@${DOMAIN}\\b`, 'gi'),
  cve: /\bCVE-(?:19|20)\d{2}-\d{4,7}\b/gi,
  sha256: /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi,
  sha1: /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/gi,
  md5: /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/gi,
  ipv6: /(?<![0-9a-f:.])(?:[0-9a-f]{1,4}:|::?)(?:[0-9a-f]{0,4}:){1,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![0-9a-f:])/gi,
  ipv4: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g,
  domain: new RegExp(`(?<![\\w.@-])${DOMAIN}\\.?(?![\\w-]|\\.\\w|\\()`, 'gi'),
} as const;

/** Words that make a dotted quad a version or build number, not an address. */
const VERSION_PREFIX = /(?:\bv|\bversion|\bver\.?|\bbuild|\brelease|\bfirmware)\s*$/i;

type Normaliser = (match: string, text: string, index: number) => string | null;

function normaliseUrl(raw: string): string | null {
  const trimmed = trimUrl(raw);
  const match = /^([a-z]+):\/\/([^/?#]+)(.*)$/is.exec(trimmed);
  if (!match) return null;
  const [, scheme = '', authority = '', rest = ''] = match;
  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostPort = authority.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](:\d{1,5})?$/.exec(hostPort);
  const plain = /^([^:]+)(:\d{1,5})?$/.exec(hostPort);
  let host: string | null;
  let port: string;
  if (bracketed) {
    host = isIPv6(bracketed[1] ?? '') ? `[${canonicalIpv6(bracketed[1] ?? '')}]` : null;
    port = bracketed[2] ?? '';
  } else if (plain) {
    // A scheme makes the intent plain: any well-formed host name counts (intranet names, .local).
    const name = (plain[1] ?? '').toLowerCase().replace(/\.$/, '');
    host = isIPv4(name) || (name.length <= 253 && HOSTNAME.test(name) && /[a-z]/.test(name)) ? name : null;
    port = plain[2] ?? '';
  } else {
    return null;
  }
  return host === null ? null : `${scheme.toLowerCase()}://${userInfo}${host}${port}${rest}`;
}

/** Drops sentence punctuation and unbalanced closing brackets that trail a URL in prose. */
function trimUrl(url: string): string {
  let result = url;
  for (;;) {
    const last = result.at(-1) ?? '';
    if ('.,;:!?\'"*'.includes(last)) {
      result = result.slice(0, -1);
    } else if (')]'.includes(last)) {
      const open = last === ')' ? '(' : '[';
      if (count(result, open) >= count(result, last)) break;
      result = result.slice(0, -1);
    } else {
      break;
    }
  }
  return result;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

function isDomain(name: string, options: { allowFileLike: boolean }): boolean {
  if (name.length > 253) return false;
  const labels = name.split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || !TOP_LEVEL_DOMAINS.has(tld)) return false;
  return options.allowFileLike || labels.length > 2 || !FILE_EXTENSION_TLDS.has(tld);
}

const NORMALISERS: Record<IndicatorKind, Normaliser> = {
  url: (match) => normaliseUrl(match),
  email: (match) => {
    const [local = '', domain = ''] = match.toLowerCase().split('@');
    return isDomain(domain, { allowFileLike: true }) ? `${local}@${domain}` : null;
  },
  cve: (match) => match.toUpperCase(),
  sha256: hashNormaliser,
  sha1: hashNormaliser,
  md5: hashNormaliser,
  ipv6: (match) => (isIPv6(match) && /[0-9a-f]/i.test(match) ? canonicalIpv6(match) : null),
  ipv4: (match, text, index) => {
    if (!isIPv4(match) || VERSION_PREFIX.test(text.slice(Math.max(0, index - 12), index))) return null;
    return match.split('.').some((octet) => octet.length > 1 && octet.startsWith('0')) ? null : match;
  },
  domain: (match) => {
    const name = match.toLowerCase().replace(/\.$/, '');
    return isDomain(name, { allowFileLike: false }) ? name : null;
  },
};

/** A run of one repeated digit (`000…0`) is padding, not a hash. */
function hashNormaliser(match: string): string | null {
  return /^(.)\1*$/.test(match) ? null : match.toLowerCase();
}

/** Order of extraction: each match is blanked out so its parts are not found again as smaller kinds. */
const EXTRACTION_ORDER: readonly IndicatorKind[] = ['url', 'email', 'cve', 'sha256', 'sha1', 'md5', 'ipv6', 'ipv4', 'domain'];

export interface ExtractOptions {
  /** Checked between kinds so a cancelled or timed-out job stops promptly. */
  signal?: AbortSignal;
}

/**
 * Finds indicators of compromise in free text. Defanged forms are refanged first; every value is
 * normalised (lower-case hosts and hashes, canonical IPv6, upper-case CVE ids) and counted once per
 * occurrence. Text inside a URL or an e-mail address belongs to it and is not reported again.
 */
export function extractIndicators(text: string, options: ExtractOptions = {}): IndicatorsResult {
  let remaining = refang(text);
  const found = new Map<string, Indicator>();
  for (const kind of EXTRACTION_ORDER) {
    options.signal?.throwIfAborted();
    const source = remaining;
    remaining = source.replace(PATTERNS[kind], (match: string, index: number) => {
      const value = NORMALISERS[kind](match, source, index);
      if (value === null) return match;
      const key = `${kind}\u0000${value}`;
      const existing = found.get(key);
      if (existing) existing.occurrences += 1;
      else found.set(key, { kind, value, occurrences: 1 });
      return ' '.repeat(match.length);
    });
  }
  const indicators = [...found.values()].sort(
    (a, b) => INDICATOR_KINDS.indexOf(a.kind) - INDICATOR_KINDS.indexOf(b.kind),
  );
  const counts = Object.fromEntries(INDICATOR_KINDS.map((kind) => [kind, 0])) as Record<IndicatorKind, number>;
  for (const indicator of indicators) counts[indicator.kind] += 1;
  return { total: indicators.length, counts, indicators };
}

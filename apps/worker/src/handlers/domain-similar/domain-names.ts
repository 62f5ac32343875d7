import { domainToASCII, domainToUnicode } from 'node:url';
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
  // Decoded whole: a label alone may read as an IPv4 number (`19` → `0.0.0.19`).
  const labels = domainToUnicode(ascii).split('.');
  const nameAt = labels.length - parsed.publicSuffix.split('.').length - 1;
  return { subdomain: labels.slice(0, nameAt).join('.'), name: labels[nameAt] ?? '', suffix: labels.slice(nameAt + 1).join('.') };
}

export function joinDomain(parts: DomainParts): string {
  return [parts.subdomain, parts.name, parts.suffix].filter(Boolean).join('.');
}

const VALID_ASCII_HOSTNAME = /^(?=.{4,253}$)((?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z0-9-]{2,63}$/;

/**
 * The IDNA ASCII form of a candidate, or null when it is no valid hostname: labels of 1–63 letters,
 * digits and inner hyphens, 253 characters at most; in Unicode too no hyphen first or last, and no
 * `--` in the third and fourth place but for the `xn--` of an encoded label (IDNA 2008 reserves it).
 */
export function toHostname(candidate: string): string | null {
  const ascii = domainToASCII(candidate);
  if (!ascii || !VALID_ASCII_HOSTNAME.test(ascii)) return null;
  // IDNA 2008's hyphen rules hold for labels as written: none first or last, none third and fourth
  // but in an `xn--` label that decodes (an encoded one is checked by its Unicode form).
  for (const label of candidate.split('.')) {
    if (label.startsWith('-') || label.endsWith('-')) return null;
    if (label.slice(2, 4) === '--' && (!label.startsWith('xn--') || domainToUnicode(label) === label)) return null;
  }
  return ascii;
}

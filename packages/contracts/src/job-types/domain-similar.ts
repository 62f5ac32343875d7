/** The job type's name, and the type of the results it stores. */
export const DOMAIN_SIMILAR_JOB = { name: 'domain.similar', resultType: 'similar-domains' } as const;

/** The fuzzers, as dnstwist names them; variants found by several are credited to the first in this order. */
export const DOMAIN_FUZZERS = [
  'addition',
  'bitsquatting',
  'homoglyph',
  'hyphenation',
  'insertion',
  'omission',
  'repetition',
  'replacement',
  'subdomain',
  'transposition',
  'vowel-swap',
  'tld-swap',
  'various',
] as const;
export type DomainFuzzer = (typeof DOMAIN_FUZZERS)[number];

export const DOMAIN_SIMILAR_LIMITS = { defaultLimit: 10_000, maxLimit: 100_000, maxTlds: 1000 } as const;

/** `domain.similar`. */
export interface DomainSimilarPayload {
  /** The domain to find look-alikes of; subdomains are kept, the public suffix (`co.uk`) is found from the Public Suffix List. */
  domain: string;
  /** Only these fuzzers; all by default. */
  fuzzers?: DomainFuzzer[];
  /** Suffixes for `tld-swap` (e.g. `net`, `co.uk`); a built-in list of common and often abused ones by default. */
  tlds?: string[];
  /** At most this many variants in the result (default 10,000). */
  limit?: number;
}

export interface DomainVariant {
  fuzzer: DomainFuzzer;
  /** The variant as people read it (Unicode). */
  domain: string;
  /** The variant as DNS knows it (IDNA ASCII, `xn--…` for Unicode labels). */
  punycode: string;
}

/** `similar-domains` results without the list of variants: their compact form. */
export interface SimilarDomainsCompactResult {
  /** The input, normalised (lower case, Unicode). */
  domain: string;
  /** How many variants are listed. */
  count: number;
  /** How many distinct variants the fuzzers made; more than `count` when `limit` cut the list. */
  total: number;
  /** Variants per fuzzer, of all `total`. */
  byFuzzer: Partial<Record<DomainFuzzer, number>>;
}

/** `similar-domains` results. */
export interface SimilarDomainsResult extends SimilarDomainsCompactResult {
  variants: DomainVariant[];
}

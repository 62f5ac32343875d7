/** The job type's name, and the type of the results it stores. */
export const DOMAIN_SIMILAR_JOB = { name: 'domain.similar', resultType: 'similar-domains' } as const;

/**
 * The fuzzers, as dnstwist (20250130) names and orders them; variants found by several are credited
 * to the first in this order.
 */
export const DOMAIN_FUZZERS = [
  'addition',
  'bitsquatting',
  'cyrillic',
  'homoglyph',
  'hyphenation',
  'insertion',
  'omission',
  'plural',
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
  /**
   * How many distinct variants the fuzzers made; more than `count` when `limit` cut the list. Exact
   * when `totalExact`; otherwise a lower bound (see `truncatedFuzzers`).
   */
  total: number;
  /** Whether every fuzzer ran to its end, so that `total` and `byFuzzer` are exact counts. */
  totalExact: boolean;
  /**
   * Fuzzers stopped after trying as many candidates as one fuzzer may (a bound on time and memory;
   * only `homoglyph` on long names reaches it): their `byFuzzer` counts, and `total`, are lower bounds.
   */
  truncatedFuzzers: DomainFuzzer[];
  /** Variants per fuzzer, of all `total`. */
  byFuzzer: Partial<Record<DomainFuzzer, number>>;
}

/** `similar-domains` results. */
export interface SimilarDomainsResult extends SimilarDomainsCompactResult {
  variants: DomainVariant[];
}

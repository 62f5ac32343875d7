import { domainToASCII } from 'node:url';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';

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

/** A hostname of two or more labels, Unicode or ASCII, that IDNA can encode: `bücher.de`, `shop.example.co.uk`. */
function IsDomainName(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isDomainName',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${String(property)} must be a domain name such as example.com (no scheme, path or port)` },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || /[\s/:@?#]/.test(value)) return false;
          const ascii = domainToASCII(value.replace(/\.$/, ''));
          return ascii.length <= 253 && /^((?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z0-9-]{2,63}$/.test(ascii);
        },
      },
    });
}

export class DomainSimilarPayload {
  /** The domain to find look-alikes of; subdomains are kept, the public suffix (`co.uk`) is found from the Public Suffix List. */
  @IsString()
  @MaxLength(253)
  @IsDomainName()
  domain: string;

  /** Only these fuzzers; all by default. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(DOMAIN_FUZZERS, { each: true, message: `each value in fuzzers must be one of: ${DOMAIN_FUZZERS.join(', ')}` })
  fuzzers?: DomainFuzzer[];

  /** Suffixes for `tld-swap` (e.g. `net`, `co.uk`); a built-in list of common and often abused ones by default. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOMAIN_SIMILAR_LIMITS.maxTlds)
  @Matches(/^[a-z0-9-]{2,63}(\.[a-z0-9-]{2,63})*$/i, { each: true, message: 'each value in tlds must be a suffix such as com or co.uk' })
  tlds?: string[];

  /** At most this many variants in the result (default 10,000). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(DOMAIN_SIMILAR_LIMITS.maxLimit)
  limit?: number;
}

export class DomainVariant {
  fuzzer: DomainFuzzer;
  /** The variant as people read it (Unicode). */
  domain: string;
  /** The variant as DNS knows it (IDNA ASCII, `xn--…` for Unicode labels). */
  punycode: string;
}

export class SimilarDomainsResult {
  /** The input, normalised (lower case, Unicode). */
  domain: string;
  /** How many variants are listed. */
  count: number;
  /** How many distinct variants the fuzzers made; more than `count` when `limit` cut the list. */
  total: number;
  /** Variants per fuzzer, of all `total`. */
  byFuzzer: Partial<Record<DomainFuzzer, number>>;
  variants: DomainVariant[];
}

export class SimilarDomainsCompactResult {
  domain: string;
  count: number;
  total: number;
  byFuzzer: Partial<Record<DomainFuzzer, number>>;
}

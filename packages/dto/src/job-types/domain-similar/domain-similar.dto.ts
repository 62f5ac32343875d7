import { domainToASCII } from 'node:url';
import {
  DOMAIN_FUZZERS,
  DOMAIN_SIMILAR_LIMITS,
  DOMAIN_SIMILAR_JOB,
  type DomainFuzzer,
} from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { defineJobType } from '../job-type.js';
import { SimilarDomainsCompactResult, SimilarDomainsResult } from './domain-similar-result.dto.js';

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

export class DomainSimilarPayload implements wire.DomainSimilarPayload {
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

export const DOMAIN_SIMILAR = defineJobType({
  name: DOMAIN_SIMILAR_JOB.name,
  description:
    'Finds look-alike domains of a domain the way dnstwist does (addition, bitsquatting, homoglyph, hyphenation, insertion, omission, ' +
    'repetition, keyboard replacement, subdomain, transposition, vowel swap, TLD swap and dot/hyphen tricks), as valid Unicode and punycode hostnames.',
  payload: DomainSimilarPayload,
  resultType: DOMAIN_SIMILAR_JOB.resultType,
  result: SimilarDomainsResult,
  defaults: { timeoutSeconds: 120, maxAttempts: 2, retryDelaySeconds: 2 },
  compact: {
    result: SimilarDomainsCompactResult,
    of: ({ domain, count, total, byFuzzer }: SimilarDomainsResult): SimilarDomainsCompactResult => ({ domain, count, total, byFuzzer }),
  },
});

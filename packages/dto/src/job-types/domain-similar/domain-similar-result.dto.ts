import { DOMAIN_FUZZERS } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiCounts, ApiInteger } from '../../common/api-schema.js';

export class DomainVariant implements wire.DomainVariant {
  @ApiProperty({ enum: DOMAIN_FUZZERS })
  fuzzer: wire.DomainFuzzer;
  /** The variant as people read it (Unicode). */
  domain: string;
  /** The variant as DNS knows it (IDNA ASCII, `xn--…` for Unicode labels). */
  punycode: string;
}

/** `similar-domains` results without the list of variants: their compact form. */
export class SimilarDomainsCompactResult implements wire.SimilarDomainsCompactResult {
  /** The input, normalised (lower case, Unicode). */
  domain: string;
  /** How many variants are listed. */
  @ApiInteger({ minimum: 0 })
  count: number;
  /** How many distinct variants the fuzzers made; more than `count` when `limit` cut the list. */
  @ApiInteger({ minimum: 0 })
  total: number;
  /** Variants per fuzzer, of all `total`. */
  @ApiCounts(DOMAIN_FUZZERS)
  byFuzzer: Partial<Record<wire.DomainFuzzer, number>>;
}

/** `similar-domains` results. */
export class SimilarDomainsResult extends SimilarDomainsCompactResult implements wire.SimilarDomainsResult {
  variants: DomainVariant[];
}

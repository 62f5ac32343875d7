import { DOMAIN_FUZZERS, DOMAIN_SIMILAR_LIMITS, type DomainSimilarPayload, type SimilarDomainsResult } from '@jobs/contracts';
import { DOMAIN_SIMILAR } from '@jobs/dto';
import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';
import { JobFailure } from '@jobs/jobs';
import { DEFAULT_SWAP_SUFFIXES } from './domain-fuzzers.js';
import { InvalidDomainError } from './domain-names.js';
import { findSimilarDomains } from './similar-domains.js';

@Injectable()
export class DomainSimilarHandler implements JobHandler<DomainSimilarPayload, SimilarDomainsResult> {
  static readonly jobType = DOMAIN_SIMILAR.name;

  async handle(payload: DomainSimilarPayload, context: JobContext): Promise<SimilarDomainsResult> {
    try {
      return await findSimilarDomains(payload.domain, {
        fuzzers: payload.fuzzers ?? DOMAIN_FUZZERS,
        suffixes: (payload.tlds ?? DEFAULT_SWAP_SUFFIXES).map((suffix) => suffix.toLowerCase()),
        limit: payload.limit ?? DOMAIN_SIMILAR_LIMITS.defaultLimit,
        signal: context.signal,
        onProgress: (done, total, message) => context.progress(done, total, message),
      });
    } catch (error) {
      // Running it again cannot make the name registrable.
      if (error instanceof InvalidDomainError) throw new JobFailure(error.code, error.message, false);
      throw error;
    }
  }
}

import { DOMAIN_FUZZERS, type DomainFuzzer, type SimilarDomainsResult } from '@jobs/contracts';

export interface FuzzerSummary {
  fuzzer: DomainFuzzer;
  /** Variants of this fuzzer in the result's list. */
  listed: number;
  /** Variants it made, listed or not (a lower bound when `truncated`). */
  made: number;
  /** Stopped at its candidate bound: `made` is a lower bound. */
  truncated: boolean;
}

/** Each fuzzer that made variants or was stopped early, in dnstwist's order. */
export function fuzzerSummaries(result: SimilarDomainsResult): FuzzerSummary[] {
  const listed = new Map<string, number>();
  for (const variant of result.variants) listed.set(variant.fuzzer, (listed.get(variant.fuzzer) ?? 0) + 1);
  return DOMAIN_FUZZERS.flatMap((fuzzer) => {
    const summary = {
      fuzzer,
      listed: listed.get(fuzzer) ?? 0,
      made: result.byFuzzer[fuzzer] ?? 0,
      truncated: result.truncatedFuzzers.includes(fuzzer),
    };
    return summary.made > 0 || summary.listed > 0 || summary.truncated ? [summary] : [];
  });
}

/** “12 of 340 variants listed” and how exact the total is, in words. */
export function similarDomainsTotals(result: SimilarDomainsResult): string {
  const count = result.count.toLocaleString('en');
  const total = `${result.total.toLocaleString('en')}${result.totalExact ? '' : '+'}`;
  const listed = result.count === result.total ? `${count} variants` : `${count} of ${total} variants listed (the limit cut the list)`;
  return result.totalExact ? listed : `${listed}; the total is a lower bound: some fuzzers were stopped at their candidate bound`;
}

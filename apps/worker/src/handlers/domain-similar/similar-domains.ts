import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { domainToUnicode } from 'node:url';
import { DOMAIN_FUZZERS, type DomainFuzzer, type DomainVariant, type SimilarDomainsResult } from '@jobs/contracts';
import { type DomainParts, joinDomain, NAME_FUZZERS, splitDomain, tldSwap, toHostname, various } from './domain-fuzzers.js';

export interface SimilarDomainsOptions {
  fuzzers: readonly DomainFuzzer[];
  /** Suffixes for tld-swap. */
  suffixes: readonly string[];
  /** Variants listed at most; also the most any one fuzzer may contribute, which bounds the work. */
  limit: number;
  signal?: AbortSignal;
  onProgress?: (fuzzersDone: number, fuzzers: number, message: string) => void;
}

/** Candidates checked between two turns of the event loop, so timeouts and cancellations are heard. */
const CANDIDATES_PER_TURN = 2000;

function candidatesOf(fuzzer: DomainFuzzer, parts: DomainParts, suffixes: readonly string[]): Iterable<string> {
  if (fuzzer === 'tld-swap') return tldSwap(parts, suffixes);
  if (fuzzer === 'various') return various(parts);
  const fuzz = NAME_FUZZERS.find(([name]) => name === fuzzer)?.[1];
  if (!fuzz) throw new Error(`no fuzzer ${fuzzer}`);
  return (function* () {
    for (const name of fuzz(parts.name)) yield joinDomain({ ...parts, name });
  })();
}

/**
 * Look-alike domains of `input`, dnstwist's way: each fuzzer's candidates in turn, kept when they
 * are valid hostnames other than the input, each credited to the first fuzzer that made it.
 */
export async function findSimilarDomains(input: string, options: SimilarDomainsOptions): Promise<SimilarDomainsResult> {
  const parts = splitDomain(input);
  const original = toHostname(joinDomain(parts));
  const found = new Map<string, DomainFuzzer>();
  const perFuzzer = new Map<DomainFuzzer, DomainVariant[]>();
  const selected = DOMAIN_FUZZERS.filter((fuzzer) => options.fuzzers.includes(fuzzer));
  let checked = 0;
  for (const [step, fuzzer] of selected.entries()) {
    const variants: DomainVariant[] = [];
    for (const candidate of candidatesOf(fuzzer, parts, options.suffixes)) {
      if (++checked % CANDIDATES_PER_TURN === 0) {
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
      }
      const ascii = toHostname(candidate);
      if (!ascii || ascii === original || found.has(ascii)) continue;
      found.set(ascii, fuzzer);
      variants.push({ fuzzer, domain: domainToUnicode(ascii), punycode: ascii });
      if (variants.length >= options.limit) break;
    }
    perFuzzer.set(fuzzer, variants);
    options.onProgress?.(step + 1, selected.length, `${fuzzer}: ${variants.length} variants`);
  }
  const lists = [...perFuzzer.values()];
  const shares = fairShares(lists.map((list) => list.length), options.limit);
  const variants = lists.flatMap((list, index) => list.slice(0, shares[index]));
  return {
    domain: joinDomain(parts),
    count: variants.length,
    total: found.size,
    byFuzzer: Object.fromEntries([...perFuzzer].filter(([, list]) => list.length > 0).map(([fuzzer, list]) => [fuzzer, list.length])),
    variants,
  };
}

/**
 * How many of each list fit in `limit`: every list gets an equal share, and what small lists leave
 * over goes to the larger ones (water-filling), so one prolific fuzzer cannot crowd out the others.
 */
export function fairShares(counts: readonly number[], limit: number): number[] {
  const shares = counts.map(() => 0);
  let remaining = limit;
  let open = counts.flatMap((count, index) => (count > 0 ? [index] : []));
  while (remaining > 0 && open.length > 0) {
    const quota = Math.max(1, Math.floor(remaining / open.length));
    for (const index of open) {
      const take = Math.min(quota, (counts[index] ?? 0) - (shares[index] ?? 0), remaining);
      shares[index] = (shares[index] ?? 0) + take;
      remaining -= take;
    }
    open = open.filter((index) => (shares[index] ?? 0) < (counts[index] ?? 0));
  }
  return shares;
}

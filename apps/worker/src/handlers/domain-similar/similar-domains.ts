import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { domainToUnicode } from 'node:url';
import { DOMAIN_FUZZERS, type DomainFuzzer, type DomainVariant, type SimilarDomainsResult } from '@jobs/contracts';
import { NAME_FUZZERS, tldSwap, various } from './domain-fuzzers.js';
import { type DomainParts, joinDomain, splitDomain, toHostname } from './domain-names.js';
import { glyphsFor, homoglyph, unicodeFits } from './homoglyph.js';

export interface SimilarDomainsOptions {
  fuzzers: readonly DomainFuzzer[];
  /** Suffixes for tld-swap. */
  suffixes: readonly string[];
  /** Variants listed at most, shared fairly among the fuzzers. */
  limit: number;
  signal?: AbortSignal;
  onProgress?: (fuzzersDone: number, fuzzers: number, message: string) => void;
}

/** Candidates checked between two turns of the event loop, so timeouts and cancellations are heard. */
const CANDIDATES_PER_TURN = 2000;

/**
 * Candidates one fuzzer may try. Only homoglyph's second pass grows past it, with the square of the
 * name's length (google.com: 12,000 candidates; a 21-character name: 190,000; 40 o's: 1.4 million).
 * At five to seven microseconds a candidate (mostly IDNA encoding), the bound keeps a run within about
 * a second and its memory to the variants found; a fuzzer stopped by it is reported, its count being
 * a lower bound.
 */
export const CANDIDATES_PER_FUZZER = 150_000;

const MAX_LABEL = 63;
const MAX_HOSTNAME = 253;

function candidatesOf(fuzzer: DomainFuzzer, parts: DomainParts, suffixes: readonly string[]): Iterable<string> {
  if (fuzzer === 'tld-swap') return tldSwap(parts, suffixes);
  if (fuzzer === 'various') return various(parts);
  const names = fuzzer === 'homoglyph' ? homoglyph(parts.name, glyphsFor(parts.suffix, unicodeFits(parts.name, nameRoom(parts)))) : NAME_FUZZERS.get(fuzzer)?.(parts.name);
  if (!names) throw new Error(`no fuzzer ${fuzzer}`);
  return (function* () {
    for (const name of names) yield joinDomain({ ...parts, name });
  })();
}

/** The most ASCII characters the name's label may have, given the rest of the hostname. */
function nameRoom(parts: DomainParts): number {
  const others = (toHostname(joinDomain({ ...parts, name: 'a' })) ?? '').length - 'a'.length;
  return Math.min(MAX_LABEL, MAX_HOSTNAME - others);
}

/**
 * Look-alike domains of `input`, dnstwist's way: each fuzzer's candidates in turn, kept when they
 * are valid hostnames other than the input, each credited to the first fuzzer that made it. Each
 * fuzzer is drawn lazily, keeping its first `limit` variants (the most its fair share can be) and
 * counting the rest, up to CANDIDATES_PER_FUZZER candidates.
 */
export async function findSimilarDomains(input: string, options: SimilarDomainsOptions): Promise<SimilarDomainsResult> {
  const parts = splitDomain(input);
  const original = toHostname(joinDomain(parts));
  const found = new Set<string>();
  const listed = new Map<DomainFuzzer, DomainVariant[]>();
  const made = new Map<DomainFuzzer, number>();
  const truncatedFuzzers: DomainFuzzer[] = [];
  const selected = DOMAIN_FUZZERS.filter((fuzzer) => options.fuzzers.includes(fuzzer));
  let checked = 0;
  for (const [step, fuzzer] of selected.entries()) {
    const variants: DomainVariant[] = [];
    let tried = 0;
    let count = 0;
    for (const candidate of candidatesOf(fuzzer, parts, options.suffixes)) {
      if (tried++ === CANDIDATES_PER_FUZZER) {
        truncatedFuzzers.push(fuzzer);
        break;
      }
      if (++checked % CANDIDATES_PER_TURN === 0) {
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
      }
      const ascii = toHostname(candidate);
      if (!ascii || ascii === original || found.has(ascii)) continue;
      found.add(ascii);
      count += 1;
      if (variants.length < options.limit) variants.push({ fuzzer, domain: domainToUnicode(ascii), punycode: ascii });
    }
    listed.set(fuzzer, variants);
    made.set(fuzzer, count);
    options.onProgress?.(step + 1, selected.length, `${fuzzer}: ${count} variants`);
  }
  const lists = [...listed.values()];
  const shares = fairShares(lists.map((list) => list.length), options.limit);
  const variants = lists.flatMap((list, index) => list.slice(0, shares[index]));
  return {
    domain: joinDomain(parts),
    count: variants.length,
    total: found.size,
    totalExact: truncatedFuzzers.length === 0,
    truncatedFuzzers,
    byFuzzer: Object.fromEntries([...made].filter(([, count]) => count > 0)),
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

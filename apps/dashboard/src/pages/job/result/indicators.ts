import { INDICATOR_KINDS, type Indicator, type IndicatorKind, type IndicatorsResult } from '@jobs/contracts';

export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  domain: 'Domain',
  url: 'URL',
  email: 'E-mail address',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  cve: 'CVE',
};

/** The kinds the result found, in the contract's order, with how many of each. */
export function indicatorKindCounts(result: IndicatorsResult): { kind: IndicatorKind; count: number }[] {
  return INDICATOR_KINDS.flatMap((kind) => {
    const count = result.counts[kind] ?? 0;
    return count > 0 ? [{ kind, count }] : [];
  });
}

/** Grouped by kind (in the contract's order), the most frequent first within a kind, then by value. */
export function sortedIndicators(indicators: readonly Indicator[]): Indicator[] {
  const order = new Map<string, number>(INDICATOR_KINDS.map((kind, index) => [kind, index]));
  const rank = (kind: string) => order.get(kind) ?? INDICATOR_KINDS.length;
  return [...indicators].sort((a, b) => rank(a.kind) - rank(b.kind) || b.occurrences - a.occurrences || a.value.localeCompare(b.value));
}

import { describe, expect, it } from '@jest/globals';
import type { Indicator } from '@jobs/contracts';
import { indicatorKindCounts, sortedIndicators } from './indicators.js';

describe('indicators', () => {
  it('lists the kinds found, in the contract’s order', () => {
    expect(indicatorKindCounts({ total: 5, counts: { cve: 1, ipv4: 3, url: 1, md5: 0 }, indicators: [] })).toEqual([
      { kind: 'ipv4', count: 3 },
      { kind: 'url', count: 1 },
      { kind: 'cve', count: 1 },
    ]);
  });

  it('groups by kind, the most frequent first', () => {
    const indicators: Indicator[] = [
      { kind: 'cve', value: 'CVE-2024-1', occurrences: 1 },
      { kind: 'domain', value: 'b.example', occurrences: 1 },
      { kind: 'ipv4', value: '10.0.0.1', occurrences: 1 },
      { kind: 'domain', value: 'a.example', occurrences: 1 },
      { kind: 'domain', value: 'z.example', occurrences: 4 },
    ];
    expect(sortedIndicators(indicators).map((indicator) => indicator.value)).toEqual(['10.0.0.1', 'z.example', 'a.example', 'b.example', 'CVE-2024-1']);
  });
});

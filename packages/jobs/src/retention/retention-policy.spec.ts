import { describe, expect, it } from '@jest/globals';
import { retentionEnabled, retentionRules } from './retention-policy.js';

const NOW = new Date('2026-12-15T12:00:00Z');
const HOUR = 3600;

describe('retentionRules', () => {
  it('is off by default: no age, no rule', () => {
    const policy = { defaultAgeSeconds: null, ageSecondsByType: new Map() };
    expect(retentionEnabled(policy)).toBe(false);
    expect(retentionRules(policy, NOW)).toEqual([]);
  });

  it('purges each type with an age of its own by it, and every other type by the default', () => {
    const policy = { defaultAgeSeconds: 24 * HOUR, ageSecondsByType: new Map([['bench.noop', HOUR], ['domain.similar', null]]) };
    expect(retentionEnabled(policy)).toBe(true);
    expect(retentionRules(policy, NOW)).toEqual([
      {
        name: 'bench.noop',
        filters: { scope: { kind: 'all' }, statuses: ['COMPLETED', 'FAILED', 'CANCELLED'], types: ['bench.noop'], finishedTo: new Date('2026-12-15T11:00:00Z') },
      },
      {
        name: 'default',
        filters: {
          scope: { kind: 'all' },
          statuses: ['COMPLETED', 'FAILED', 'CANCELLED'],
          finishedTo: new Date('2026-12-14T12:00:00Z'),
          excludedTypes: ['bench.noop', 'domain.similar'],
        },
      },
    ]);
  });

  it('purges only the types given an age when there is no default', () => {
    const policy = { defaultAgeSeconds: null, ageSecondsByType: new Map([['bench.noop', 60]]) };
    expect(retentionRules(policy, NOW).map((rule) => rule.name)).toEqual(['bench.noop']);
    expect(retentionEnabled({ defaultAgeSeconds: null, ageSecondsByType: new Map([['bench.noop', null]]) })).toBe(false);
  });
});

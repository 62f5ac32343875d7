import { describe, expect, it } from '@jest/globals';
import { AGE_BY_TYPE_PATTERN, AGE_PATTERN, retentionPolicyOf, retentionProblems } from './retention-settings.js';

describe('retention settings', () => {
  it('reads ages in seconds, minutes, hours and days', () => {
    expect(retentionPolicyOf({ JOB_RETENTION: '30d', JOB_RETENTION_BY_TYPE: 'bench.noop=45s, domain.similar=off,text.indicators=12h' })).toEqual({
      defaultAgeSeconds: 30 * 86_400,
      ageSecondsByType: new Map([['bench.noop', 45], ['domain.similar', null], ['text.indicators', 12 * 3600]]),
    });
    expect(retentionPolicyOf({})).toEqual({ defaultAgeSeconds: null, ageSecondsByType: new Map() });
  });

  it('accepts only whole ages with a unit', () => {
    for (const age of ['1s', '90m', '12h', '365d']) expect(AGE_PATTERN.test(age)).toBe(true);
    for (const age of ['0d', '10', '1.5h', '-1d', '1w', 'd', '']) expect(AGE_PATTERN.test(age)).toBe(false);
    expect(AGE_BY_TYPE_PATTERN.test('a.b=1d,c=off')).toBe(true);
    for (const value of ['a.b', 'a.b=', 'a.b=1x', '=1d', 'a=1d,,b=2d', 'a=1d;b=2d']) expect(AGE_BY_TYPE_PATTERN.test(value)).toBe(false);
  });

  it('names types the catalog does not know, and types named twice', () => {
    expect(retentionProblems('bench.noop=1d,domian.similar=2d,bench.noop=off', ['bench.noop', 'domain.similar'])).toEqual([
      'JOB_RETENTION_BY_TYPE: unknown job type domian.similar (known: bench.noop, domain.similar)',
      'JOB_RETENTION_BY_TYPE: bench.noop named more than once',
    ]);
    expect(retentionProblems(undefined, ['bench.noop'])).toEqual([]);
  });
});

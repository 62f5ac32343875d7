import { describe, expect, it } from '@jest/globals';
import { JobCatalog } from './catalog.js';
import { fairnessOf, rateLimitOf } from './job-type.js';
import { DEFAULT_FAIRNESS, parseFairnessOverrides, parseRateLimitOverrides } from './job-type-overrides.js';

const names = ['text.indicators', 'domain.similar', 'bench.noop'];

describe('JOB_FAIRNESS and JOB_RATE_LIMITS', () => {
  it('reads each entry, off included', () => {
    const fairness = parseFairnessOverrides(' *=organisation:0.25 , bench.noop=off,domain.similar=owner:1', names);
    expect(fairness.problems).toEqual([]);
    expect([...fairness.settings]).toEqual([
      ['*', { by: 'organisation', share: 0.25 }],
      ['bench.noop', null],
      ['domain.similar', { by: 'owner', share: 1 }],
    ]);
    const limits = parseRateLimitOverrides('domain.similar=10/second,text.indicators=600/minute,bench.noop=off', names);
    expect(limits.problems).toEqual([]);
    expect(limits.settings.get('domain.similar')).toEqual({ limit: 10, per: 'second' });
    expect(limits.settings.get('text.indicators')).toEqual({ limit: 600, per: 'minute' });
    expect(limits.settings.get('bench.noop')).toBeNull();
    expect(parseRateLimitOverrides('', names)).toEqual({ settings: new Map(), problems: [] });
  });

  it('names every bad entry once', () => {
    expect(parseFairnessOverrides('nope=owner:0.5,bench.noop=owner:0,domain.similar=team:0.5,text.indicators,bench.noop=off,*=owner:1.5', names).problems).toEqual([
      'JOB_FAIRNESS entry "nope=owner:0.5" names no job type (known: *, text.indicators, domain.similar, bench.noop)',
      'JOB_FAIRNESS entry "bench.noop=owner:0": the setting must be off or owner|organisation:<share above 0, at most 1> (owner:0.5)',
      'JOB_FAIRNESS entry "domain.similar=team:0.5": the setting must be off or owner|organisation:<share above 0, at most 1> (owner:0.5)',
      'JOB_FAIRNESS entry "text.indicators" must be <type>=<setting>',
      'JOB_FAIRNESS entry "*=owner:1.5": the setting must be off or owner|organisation:<share above 0, at most 1> (owner:0.5)',
    ]);
    expect(parseRateLimitOverrides('bench.noop=0/second,domain.similar=5/hour,domain.similar=5/second,domain.similar=off', names).problems).toEqual([
      'JOB_RATE_LIMITS entry "bench.noop=0/second": the setting must be off or <starts, at least 1>/second|minute (10/second)',
      'JOB_RATE_LIMITS entry "domain.similar=5/hour": the setting must be off or <starts, at least 1>/second|minute (10/second)',
      'JOB_RATE_LIMITS sets domain.similar twice',
    ]);
  });

  it('win over the catalog: a named type over *, * over the definition, the definition over the default', () => {
    const plain = JobCatalog.create({ diagnostics: false, benchmarks: true });
    expect(plain.definitions.map((definition) => [fairnessOf(definition), rateLimitOf(definition)])).toEqual(
      plain.definitions.map(() => [DEFAULT_FAIRNESS, null]),
    );
    const catalog = JobCatalog.create({
      diagnostics: false,
      benchmarks: true,
      overrides: {
        fairness: parseFairnessOverrides('*=organisation:0.25,bench.noop=off', names).settings,
        rateLimits: parseRateLimitOverrides('domain.similar=3/minute', names).settings,
      },
    });
    const settings = (name: string) => {
      const definition = catalog.find(name);
      return definition && { fairness: fairnessOf(definition), rateLimit: rateLimitOf(definition) };
    };
    expect(settings('text.indicators')).toEqual({ fairness: { by: 'organisation', share: 0.25 }, rateLimit: null });
    expect(settings('domain.similar')).toEqual({ fairness: { by: 'organisation', share: 0.25 }, rateLimit: { limit: 3, per: 'minute' } });
    expect(settings('bench.noop')).toEqual({ fairness: null, rateLimit: null });
  });
});

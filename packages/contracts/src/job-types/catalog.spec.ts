import { describe, expect, it } from '@jest/globals';
import { BENCHMARK_JOB_TYPES, BUILT_IN_JOB_TYPES, DIAGNOSTIC_JOB_TYPES, JobCatalog, TEXT_INDICATORS } from './catalog.js';
import { payloadJsonSchema } from './payload-schema.js';

describe('JobCatalog', () => {
  it('holds the built-in types, and the diagnostics ones only when asked', () => {
    expect(JobCatalog.create({ diagnostics: false }).names()).toEqual(BUILT_IN_JOB_TYPES.map((type) => type.name));
    expect(JobCatalog.create({ diagnostics: true }).names()).toEqual([...BUILT_IN_JOB_TYPES, ...DIAGNOSTIC_JOB_TYPES].map((type) => type.name));
    expect(JobCatalog.create({ diagnostics: false, benchmarks: true }).names()).toEqual([...BUILT_IN_JOB_TYPES, ...BENCHMARK_JOB_TYPES].map((type) => type.name));
    expect(JobCatalog.create({ diagnostics: false }).names()).not.toContain('bench.noop');
  });

  it('finds types by name and nothing else', () => {
    const catalog = JobCatalog.create({ diagnostics: false });
    expect(catalog.find('text.indicators')).toBe(TEXT_INDICATORS);
    expect(catalog.find('diagnostics.sleep')).toBeUndefined();
    expect(catalog.find('__proto__')).toBeUndefined();
  });

  it('refuses two types with one name', () => {
    expect(() => new JobCatalog([TEXT_INDICATORS, TEXT_INDICATORS])).toThrow('job type names must be unique');
  });

  it('makes the compact form of a result by its result type, or null when the type has none', () => {
    const catalog = JobCatalog.create({ diagnostics: true });
    const result = { total: 1, counts: { ipv4: 1 }, indicators: [{ kind: 'ipv4', value: '1.1.1.1', occurrences: 1 }] };
    expect(catalog.compactResult('indicators', result)).toEqual({ total: 1, counts: { ipv4: 1 } });
    expect(catalog.compactResult('sleep-report', { sleptMs: 1 })).toBeNull();
  });

  it("derives each type's payload JSON schema from its contract", () => {
    for (const definition of JobCatalog.create({ diagnostics: true }).definitions) {
      const schema = payloadJsonSchema(definition);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(schema['properties'] as object).length).toBeGreaterThan(0);
    }
  });
});

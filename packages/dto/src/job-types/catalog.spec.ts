import { describe, expect, it } from '@jest/globals';
import { JobCatalog } from './catalog.js';
import { JOB_TYPES } from './definitions.js';
import { TEXT_INDICATORS } from './text-indicators/text-indicators.dto.js';
import { payloadJsonSchema } from './payload-schema.js';
import { sampleAnalyzeJobType } from './sample-analyze/sample-analyze.dto.js';

const [textIndicators, domainSimilar, sampleAnalyze, diagnosticsSleep, benchNoop] = ['text.indicators', 'domain.similar', 'sample.analyze', 'diagnostics.sleep', 'bench.noop'];

describe('JobCatalog', () => {
  it('holds the types every deployment runs, and the others only when their switch is on', () => {
    expect(JobCatalog.create({ diagnostics: false }).names()).toEqual([textIndicators, domainSimilar, sampleAnalyze]);
    expect(JobCatalog.create({ diagnostics: true }).names()).toEqual([textIndicators, domainSimilar, sampleAnalyze, diagnosticsSleep]);
    expect(JobCatalog.create({ diagnostics: false, benchmarks: true }).names()).toEqual([textIndicators, domainSimilar, sampleAnalyze, benchNoop]);
    expect(JobCatalog.create({ diagnostics: true, benchmarks: true }).definitions).toEqual(JOB_TYPES);
  });

  it('knows every job type, once', () => {
    expect(JOB_TYPES.map((definition) => definition.name)).toEqual([textIndicators, domainSimilar, sampleAnalyze, diagnosticsSleep, benchNoop]);
  });

  it('swaps in sample.analyze with the deployment sample limit', () => {
    expect(JobCatalog.create({ diagnostics: false, sampleMaxBytes: 1234 }).find(sampleAnalyze)).toBe(sampleAnalyzeJobType(1234));
  });

  it('finds types by name and nothing else', () => {
    const catalog = JobCatalog.create({ diagnostics: false });
    expect(catalog.find(textIndicators)).toBe(TEXT_INDICATORS);
    expect(catalog.find(diagnosticsSleep)).toBeUndefined();
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
    for (const definition of JOB_TYPES) {
      const schema = payloadJsonSchema(definition);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(schema['properties'] as object).length).toBeGreaterThan(0);
    }
  });
});

import { BenchNoopPayload, BenchNoopResult } from './bench/bench-noop.dto.js';
import { DiagnosticsSleepPayload, DiagnosticsSleepResult } from './diagnostics/diagnostics-sleep.dto.js';
import { DomainSimilarPayload, type SimilarDomainsCompactResult, SimilarDomainsResult } from './domain-similar/domain-similar.dto.js';
import { defineJobType, type JobTypeDefinition } from './job-type.js';
import { SAMPLE_LIMITS, SampleReport, type SampleReportCompact, samplePayloadWithLimit } from './sample-analyze/sample-analyze.dto.js';
import {
  type IndicatorsCompactResult,
  IndicatorsResult,
  TextIndicatorsPayload,
} from './text-indicators/text-indicators.dto.js';

export const TEXT_INDICATORS = defineJobType({
  name: 'text.indicators',
  description:
    'Extracts indicators of compromise (IPv4/IPv6 addresses, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes, CVE ids) ' +
    'from free text, refanging defanged forms and counting occurrences.',
  payload: TextIndicatorsPayload,
  result: IndicatorsResult,
  resultType: 'indicators',
  defaults: { timeoutSeconds: 60, maxAttempts: 3, retryDelaySeconds: 2 },
  compact: (result: IndicatorsResult): IndicatorsCompactResult => ({ total: result.total, counts: result.counts }),
});

export const DOMAIN_SIMILAR = defineJobType({
  name: 'domain.similar',
  description:
    'Finds look-alike domains of a domain the way dnstwist does (addition, bitsquatting, homoglyph, hyphenation, insertion, omission, ' +
    'repetition, keyboard replacement, subdomain, transposition, vowel swap, TLD swap and dot/hyphen tricks), as valid Unicode and punycode hostnames.',
  payload: DomainSimilarPayload,
  result: SimilarDomainsResult,
  resultType: 'similar-domains',
  defaults: { timeoutSeconds: 120, maxAttempts: 2, retryDelaySeconds: 2 },
  compact: ({ domain, count, total, byFuzzer }: SimilarDomainsResult): SimilarDomainsCompactResult => ({ domain, count, total, byFuzzer }),
});

function defineSampleAnalyze(maxBytes: number) {
  return defineJobType({
    name: 'sample.analyze',
    description:
      'Static analysis of a file: size, MD5/SHA-1/SHA-256, Shannon entropy overall and per 4 KiB block, file type by magic bytes, ' +
      `printable ASCII and UTF-16LE strings, ELF and PE header facts. Samples up to ${maxBytes} bytes.`,
    payload: samplePayloadWithLimit(maxBytes),
    result: SampleReport,
    resultType: 'sample-report',
    defaults: { timeoutSeconds: 120, maxAttempts: 2, retryDelaySeconds: 2 },
    compact: ({ strings: _strings, blockEntropy: _blocks, blockSize: _size, ...rest }: SampleReport): SampleReportCompact => rest,
  });
}

const sampleAnalyzeByLimit = new Map<number, ReturnType<typeof defineSampleAnalyze>>();

/**
 * `sample.analyze` for a deployment's largest sample (SAMPLE_MAX_BYTES): one definition (and one
 * payload class) per limit, so the catalog and the worker's handler share it.
 */
export function sampleAnalyzeJobType(maxBytes: number = SAMPLE_LIMITS.defaultMaxBytes): ReturnType<typeof defineSampleAnalyze> {
  const known = sampleAnalyzeByLimit.get(maxBytes) ?? defineSampleAnalyze(maxBytes);
  sampleAnalyzeByLimit.set(maxBytes, known);
  return known;
}

export const SAMPLE_ANALYZE = sampleAnalyzeJobType();

export const DIAGNOSTICS_SLEEP = defineJobType({
  name: 'diagnostics.sleep',
  description: 'Sleeps for durationMs with progress; can fail its first attempts or ignore cancellation. For checking a deployment.',
  payload: DiagnosticsSleepPayload,
  result: DiagnosticsSleepResult,
  resultType: 'sleep-report',
  defaults: { timeoutSeconds: 300, maxAttempts: 3, retryDelaySeconds: 1 },
});

export const BENCH_NOOP = defineJobType({
  name: 'bench.noop',
  description: 'Does nothing and returns its sequence number: for measuring the platform. Registered only with ENABLE_BENCHMARK_JOBS.',
  payload: BenchNoopPayload,
  result: BenchNoopResult,
  resultType: 'bench-noop',
  defaults: { timeoutSeconds: 30, maxAttempts: 1, retryDelaySeconds: 1 },
});

/** Every job type the platform runs. Adding one: its DTOs, an entry here, a handler in the worker. */
export const BUILT_IN_JOB_TYPES: readonly JobTypeDefinition[] = [TEXT_INDICATORS, DOMAIN_SIMILAR, SAMPLE_ANALYZE];

/** Operator probes, registered only with ENABLE_DIAGNOSTIC_JOBS on both API and worker. */
export const DIAGNOSTIC_JOB_TYPES: readonly JobTypeDefinition[] = [DIAGNOSTICS_SLEEP];

/** Benchmark types, registered only with ENABLE_BENCHMARK_JOBS on both API and worker. */
export const BENCHMARK_JOB_TYPES: readonly JobTypeDefinition[] = [BENCH_NOOP];

/** The job types one deployment accepts and runs. */
export class JobCatalog {
  private readonly byName: ReadonlyMap<string, JobTypeDefinition>;

  constructor(readonly definitions: readonly JobTypeDefinition[]) {
    this.byName = new Map(definitions.map((definition) => [definition.name, definition]));
    if (this.byName.size !== definitions.length) throw new Error('job type names must be unique');
  }

  /** The deployment's catalog: `sampleMaxBytes` sets the largest sample `sample.analyze` accepts. */
  static create(options: { diagnostics: boolean; benchmarks?: boolean; sampleMaxBytes?: number }): JobCatalog {
    const sample = sampleAnalyzeJobType(options.sampleMaxBytes);
    const builtIn = BUILT_IN_JOB_TYPES.map((definition) => (definition === SAMPLE_ANALYZE ? sample : definition));
    return new JobCatalog([
      ...builtIn,
      ...(options.diagnostics ? DIAGNOSTIC_JOB_TYPES : []),
      ...(options.benchmarks ? BENCHMARK_JOB_TYPES : []),
    ]);
  }

  find(name: string): JobTypeDefinition | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The compact form of a stored result, or null when its type defines none. */
  compactResult(resultType: string, data: object): object | null {
    const definition = this.definitions.find((candidate) => candidate.resultType === resultType);
    return definition?.compact ? definition.compact(data) : null;
  }
}

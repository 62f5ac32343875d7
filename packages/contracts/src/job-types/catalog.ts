import { DiagnosticsSleepPayload, DiagnosticsSleepResult } from './diagnostics/diagnostics-sleep.dto.js';
import { DomainSimilarPayload, type SimilarDomainsCompactResult, SimilarDomainsResult } from './domain-similar/domain-similar.dto.js';
import { defineJobType, type JobTypeDefinition } from './job-type.js';
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

export const DIAGNOSTICS_SLEEP = defineJobType({
  name: 'diagnostics.sleep',
  description: 'Sleeps for durationMs with progress; can fail its first attempts or ignore cancellation. For checking a deployment.',
  payload: DiagnosticsSleepPayload,
  result: DiagnosticsSleepResult,
  resultType: 'sleep-report',
  defaults: { timeoutSeconds: 300, maxAttempts: 3, retryDelaySeconds: 1 },
});

/** Every job type the platform runs. Adding one: its DTOs, an entry here, a handler in the worker. */
export const BUILT_IN_JOB_TYPES: readonly JobTypeDefinition[] = [TEXT_INDICATORS, DOMAIN_SIMILAR];

/** Operator probes, registered only with ENABLE_DIAGNOSTIC_JOBS on both API and worker. */
export const DIAGNOSTIC_JOB_TYPES: readonly JobTypeDefinition[] = [DIAGNOSTICS_SLEEP];

/** The job types one deployment accepts and runs. */
export class JobCatalog {
  private readonly byName: ReadonlyMap<string, JobTypeDefinition>;

  constructor(readonly definitions: readonly JobTypeDefinition[]) {
    this.byName = new Map(definitions.map((definition) => [definition.name, definition]));
    if (this.byName.size !== definitions.length) throw new Error('job type names must be unique');
  }

  static create(options: { diagnostics: boolean }): JobCatalog {
    return new JobCatalog([...BUILT_IN_JOB_TYPES, ...(options.diagnostics ? DIAGNOSTIC_JOB_TYPES : [])]);
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

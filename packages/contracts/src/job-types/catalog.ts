import { defineJobType, type JobTypeDefinition } from './job-type.js';
import {
  IndicatorsResult,
  type IndicatorsCompactResult,
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

/** Every job type the platform runs. Adding one: its DTOs, an entry here, a handler in the worker. */
export const JOB_CATALOG: readonly JobTypeDefinition[] = [TEXT_INDICATORS as JobTypeDefinition];

export function findJobType(name: string): JobTypeDefinition | undefined {
  return JOB_CATALOG.find((definition) => definition.name === name);
}

export function jobTypeNames(): string[] {
  return JOB_CATALOG.map((definition) => definition.name);
}

/** The compact form of a stored result, or null when its type defines none. */
export function compactResult(resultType: string, data: object): object | null {
  const definition = JOB_CATALOG.find((candidate) => candidate.resultType === resultType);
  return definition?.compact ? definition.compact(data) : null;
}

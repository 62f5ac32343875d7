import {
  DOMAIN_SIMILAR_JOB,
  type IndicatorsResult,
  SAMPLE_ANALYZE_JOB,
  type SampleReport,
  type SimilarDomainsResult,
  TEXT_INDICATORS_JOB,
} from '@jobs/contracts';

/** A result with the view its type has; `other` (any type without one, or data not of its type's shape) shows as keys and values. */
export type TypedResult =
  | { kind: 'indicators'; data: IndicatorsResult }
  | { kind: 'similar-domains'; data: SimilarDomainsResult }
  | { kind: 'sample-report'; data: SampleReport }
  | { kind: 'other'; data: unknown };

/**
 * The result by its result type, checked for the fields its view reads: the API does not promise
 * a stored result still matches today's contract, and a view must not break on one that does not.
 */
export function typedResult(resultType: string | null, data: unknown): TypedResult {
  if (!isRecord(data)) return { kind: 'other', data };
  if (resultType === TEXT_INDICATORS_JOB.resultType && Array.isArray(data['indicators']) && isRecord(data['counts'])) {
    return { kind: 'indicators', data: data as unknown as IndicatorsResult };
  }
  if (resultType === DOMAIN_SIMILAR_JOB.resultType && Array.isArray(data['variants']) && isRecord(data['byFuzzer']) && Array.isArray(data['truncatedFuzzers'])) {
    return { kind: 'similar-domains', data: data as unknown as SimilarDomainsResult };
  }
  if (
    resultType === SAMPLE_ANALYZE_JOB.resultType &&
    typeof data['sha256'] === 'string' &&
    isRecord(data['fileType']) &&
    Array.isArray(data['blockEntropy']) &&
    isRecord(data['strings'])
  ) {
    return { kind: 'sample-report', data: data as unknown as SampleReport };
  }
  return { kind: 'other', data };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

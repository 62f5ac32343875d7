/** The job type's name, and the type of the results it stores. */
export const TEXT_INDICATORS_JOB = { name: 'text.indicators', resultType: 'indicators' } as const;

export const INDICATOR_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'cve'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** `text.indicators`. */
export interface TextIndicatorsPayload {
  /** Free text (a report, an e-mail, a log); defanged forms like `hxxp` and `[.]` are understood. */
  text: string;
}

export interface Indicator {
  kind: IndicatorKind;
  /** Normalised and refanged: lower-case hosts and hashes, upper-case CVE ids. */
  value: string;
  occurrences: number;
}

/** `indicators` results without the list: their compact form. */
export interface IndicatorsCompactResult {
  total: number;
  counts: Partial<Record<IndicatorKind, number>>;
}

/** `indicators` results. */
export interface IndicatorsResult extends IndicatorsCompactResult {
  indicators: Indicator[];
}

import { IsString, MaxLength, MinLength } from 'class-validator';

export const INDICATOR_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'cve'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export class TextIndicatorsPayload {
  /** Free text (a report, an e-mail, a log); defanged forms like `hxxp` and `[.]` are understood. */
  @IsString()
  @MinLength(1)
  @MaxLength(1_000_000)
  text: string;
}

export class Indicator {
  kind: IndicatorKind;
  /** Normalised and refanged: lower-case hosts and hashes, upper-case CVE ids. */
  value: string;
  occurrences: number;
}

export class IndicatorsResult {
  total: number;
  counts: Partial<Record<IndicatorKind, number>>;
  indicators: Indicator[];
}

export class IndicatorsCompactResult {
  total: number;
  counts: Partial<Record<IndicatorKind, number>>;
}

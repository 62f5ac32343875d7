import { INDICATOR_KINDS } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiCounts, ApiInteger } from '../../common/api-schema.js';

export class Indicator implements wire.Indicator {
  @ApiProperty({ enum: INDICATOR_KINDS })
  kind: wire.IndicatorKind;
  /** Normalised and refanged: lower-case hosts and hashes, upper-case CVE ids. */
  value: string;
  @ApiInteger({ minimum: 1 })
  occurrences: number;
}

/** `indicators` results without the list: their compact form. */
export class IndicatorsCompactResult implements wire.IndicatorsCompactResult {
  /** Distinct indicators found. */
  @ApiInteger({ minimum: 0 })
  total: number;
  /** Distinct indicators of each kind found; kinds not found are left out. */
  @ApiCounts(INDICATOR_KINDS)
  counts: Partial<Record<wire.IndicatorKind, number>>;
}

/** `indicators` results. */
export class IndicatorsResult extends IndicatorsCompactResult implements wire.IndicatorsResult {
  indicators: Indicator[];
}

import { TEXT_INDICATORS_JOB } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineJobType } from '../job-type.js';
import { IndicatorsCompactResult, IndicatorsResult } from './text-indicators-result.dto.js';

export class TextIndicatorsPayload implements wire.TextIndicatorsPayload {
  /** Free text (a report, an e-mail, a log); defanged forms like `hxxp` and `[.]` are understood. */
  @IsString()
  @MinLength(1)
  @MaxLength(1_000_000)
  text: string;
}

export const TEXT_INDICATORS = defineJobType({
  name: TEXT_INDICATORS_JOB.name,
  description:
    'Extracts indicators of compromise (IPv4/IPv6 addresses, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes, CVE ids) ' +
    'from free text, refanging defanged forms and counting occurrences.',
  payload: TextIndicatorsPayload,
  resultType: TEXT_INDICATORS_JOB.resultType,
  result: IndicatorsResult,
  defaults: { timeoutSeconds: 60, maxAttempts: 3, retryDelaySeconds: 2 },
  compact: { result: IndicatorsCompactResult, of: ({ total, counts }: IndicatorsResult): IndicatorsCompactResult => ({ total, counts }) },
});

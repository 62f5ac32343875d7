import { type IndicatorsResult, TEXT_INDICATORS, type TextIndicatorsPayload } from '@jobs/contracts';
import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';
import { extractIndicators } from './extract-indicators.js';

@Injectable()
export class TextIndicatorsHandler implements JobHandler<TextIndicatorsPayload, IndicatorsResult> {
  readonly definition = TEXT_INDICATORS;

  async handle(payload: TextIndicatorsPayload, context: JobContext): Promise<IndicatorsResult> {
    const result = extractIndicators(payload.text, { signal: context.signal });
    context.progress(payload.text.length, payload.text.length, `found ${result.total} indicators`);
    return result;
  }
}

import type { IndicatorsResult, TextIndicatorsPayload } from '@jobs/contracts';
import { TEXT_INDICATORS } from '@jobs/dto';
import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';
import { extractIndicators } from './extract-indicators.js';

@Injectable()
export class TextIndicatorsHandler implements JobHandler<TextIndicatorsPayload, IndicatorsResult> {
  static readonly jobType = TEXT_INDICATORS.name;

  async handle(payload: TextIndicatorsPayload, context: JobContext): Promise<IndicatorsResult> {
    const result = extractIndicators(payload.text, { signal: context.signal });
    context.progress(payload.text.length, payload.text.length, `found ${result.total} indicators`);
    return result;
  }
}

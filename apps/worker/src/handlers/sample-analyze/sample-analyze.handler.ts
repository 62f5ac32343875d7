import { SAMPLE_LIMITS, type SampleAnalyzePayload, type SampleReport } from '@jobs/contracts';
import { SAMPLE_ANALYZE } from '@jobs/dto';
import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';
import { analyzeSample } from './analyze-sample.js';

@Injectable()
export class SampleAnalyzeHandler implements JobHandler<SampleAnalyzePayload, SampleReport> {
  static readonly jobType = SAMPLE_ANALYZE.name;

  async handle(payload: SampleAnalyzePayload, context: JobContext): Promise<SampleReport> {
    const data = Buffer.from(payload.contentBase64, 'base64');
    return analyzeSample(data, payload.filename ?? null, {
      minStringLength: payload.minStringLength ?? SAMPLE_LIMITS.defaultMinStringLength,
      maxStrings: payload.maxStrings ?? SAMPLE_LIMITS.defaultMaxStrings,
      signal: context.signal,
      onProgress: (done, total) => context.progress(done, total, `${done} of ${total} bytes`),
    });
  }
}

import { SAMPLE_LIMITS, type SampleAnalyzePayload, type SampleReport, sampleAnalyzeJobType } from '@jobs/contracts';
import { Injectable } from '@nestjs/common';
import { WorkerEnvironment } from '../../config/worker-environment.js';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';
import { analyzeSample } from './analyze-sample.js';

@Injectable()
export class SampleAnalyzeHandler implements JobHandler<SampleAnalyzePayload, SampleReport> {
  /** With this deployment's SAMPLE_MAX_BYTES, so an oversized sample fails validation on arrival too. */
  readonly definition;

  constructor(env: WorkerEnvironment) {
    this.definition = sampleAnalyzeJobType(env.SAMPLE_MAX_BYTES);
  }

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

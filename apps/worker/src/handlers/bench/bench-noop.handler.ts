import type { BenchNoopPayload, BenchNoopResult } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../execution/job-handler.js';

@Injectable()
export class BenchNoopHandler implements JobHandler<BenchNoopPayload, BenchNoopResult> {
  static readonly jobType = BENCH_NOOP.name;

  async handle(payload: BenchNoopPayload): Promise<BenchNoopResult> {
    return { sequence: payload.sequence ?? null, handlerStartedAt: performance.timeOrigin + performance.now() };
  }
}

import { BENCH_NOOP, type BenchNoopPayload, type BenchNoopResult } from '@jobs/contracts';
import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../execution/job-handler.js';

@Injectable()
export class BenchNoopHandler implements JobHandler<BenchNoopPayload, BenchNoopResult> {
  readonly definition = BENCH_NOOP;

  async handle(payload: BenchNoopPayload): Promise<BenchNoopResult> {
    return { sequence: payload.sequence ?? null };
  }
}

import type { BenchNoopPayload, BenchNoopResult } from '@jobs/contracts';
import { BENCH_NOOP } from '@jobs/dto';
import { Injectable, Logger } from '@nestjs/common';
import type { JobContext, JobHandler } from '../../execution/job-handler.js';

@Injectable()
export class BenchNoopHandler implements JobHandler<BenchNoopPayload, BenchNoopResult> {
  static readonly jobType = BENCH_NOOP.name;
  private readonly processLog = new Logger('Job');

  async handle(payload: BenchNoopPayload, context: JobContext): Promise<BenchNoopResult> {
    const handlerStartedAt = performance.timeOrigin + performance.now();
    const logger = payload.processLogOnly ? this.processLog : context.logger;
    for (let line = 1; line <= (payload.logLines ?? 0); line += 1) logger.log(`bench line ${line}`, { line, sequence: payload.sequence ?? null });
    return { sequence: payload.sequence ?? null, handlerStartedAt };
  }
}

import { BENCH_NOOP_JOB } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiInteger } from '../../common/api-schema.js';
import { defineJobType } from '../job-type.js';

/** A job that does nothing, so benchmarks measure the platform itself. */
export class BenchNoopPayload implements wire.BenchNoopPayload {
  /** A sequence number, echoed back. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence?: number;

  /** Log this many lines through the job's logger, to measure what logging costs. Default 0. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  logLines?: number;

  /** Log those lines to the worker's process log only, not the job's log: what logging cost before job logs. */
  @IsOptional()
  @IsBoolean()
  processLogOnly?: boolean;
}

/** `bench-noop` results. */
export class BenchNoopResult implements wire.BenchNoopResult {
  @ApiInteger({ nullable: true })
  sequence: number | null;

  /** When the handler started, in milliseconds since the epoch (fractional): benchmarks measure submit → handler start from it. */
  handlerStartedAt: number;
}

export const BENCH_NOOP = defineJobType({
  name: BENCH_NOOP_JOB.name,
  description: 'Does nothing and returns its sequence number and when it started: for measuring the platform. Registered only with ENABLE_BENCHMARK_JOBS.',
  payload: BenchNoopPayload,
  resultType: BENCH_NOOP_JOB.resultType,
  result: BenchNoopResult,
  defaults: { timeoutSeconds: 30, maxAttempts: 1, retryDelaySeconds: 1 },
  enabledBy: 'benchmarks',
});

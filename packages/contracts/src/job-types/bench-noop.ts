/** The job type's name, and the type of the results it stores. */
export const BENCH_NOOP_JOB = { name: 'bench.noop', resultType: 'bench-noop' } as const;

/** `bench.noop`: a job that does nothing, so benchmarks measure the platform itself. */
export interface BenchNoopPayload {
  /** A sequence number, echoed back. */
  sequence?: number;
  /** Log this many lines through the job's logger, to measure what logging costs. Default 0. */
  logLines?: number;
  /** Log those lines to the worker's process log only, not the job's log: what logging cost before job logs. */
  processLogOnly?: boolean;
}

/** `bench-noop` results. */
export interface BenchNoopResult {
  sequence: number | null;
  /** When the handler started, in milliseconds since the epoch (fractional): benchmarks measure submit → handler start from it. */
  handlerStartedAt: number;
}

// What the throughput and memory benchmarks share: the processes' environments (the `bench.noop` type
// registered; Node flags for the processes under test from BENCH_API_NODE_OPTIONS and
// BENCH_WORKER_NODE_OPTIONS), the job they submit, and how a drain's progress is read.

/** Registers the `bench.noop` type (the API for submissions, a worker to run them). */
export const BENCH_JOBS_ENV = { ENABLE_BENCHMARK_JOBS: 'true' };
const nodeOptions = (variable) => (process.env[variable] ? { NODE_OPTIONS: process.env[variable] } : {});

export const API_ENV = { ...BENCH_JOBS_ENV, ...nodeOptions('BENCH_API_NODE_OPTIONS') };

/** The drained worker's environment at `concurrency` slots. */
export const workerEnv = (concurrency) => ({ ...BENCH_JOBS_ENV, WORKER_CONCURRENCY: String(concurrency), ...nodeOptions('BENCH_WORKER_NODE_OPTIONS') });

/** A no-op job; `extra` joins its payload (`{ logLines: 10 }` makes it log). */
export const noop = (sequence, extra = {}) => ({ type: 'bench.noop', payload: { sequence, ...extra } });

/** Jobs done so far, and any that failed (a failure stops the benchmark). */
export const FINISHED_JOBS = `SELECT count(*) FILTER (WHERE status = 'COMPLETED') AS done, count(*) FILTER (WHERE status IN ('FAILED', 'CANCELLED')) AS failed FROM jobs`;

/** Submits `jobs` no-op jobs through `client` (an ApiClient with a token) in batches of `batch`, four requests at a time: a backlog to drain. */
export async function submitBacklog(client, jobs, batch, extra = {}) {
  for (let offset = 0; offset < jobs; offset += batch * 4) {
    await Promise.all(
      Array.from({ length: 4 }, async (_, part) => {
        const size = Math.min(batch, jobs - offset - part * batch);
        if (size > 0) await client.post('/v1/jobs/batch', { jobs: Array.from({ length: size }, (__, index) => noop(offset + part * batch + index, extra)) });
      }),
    );
  }
}

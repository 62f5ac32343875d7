// How the throughput benchmarks measure: closed-loop callers, autocannon, a drain's progress polled
// from the database, CPU per job from /proc, and medians with their range.
import autocannon from 'autocannon';
import { sleep } from '@jobs/testing';
import pg from 'pg';
import { cpuSeconds, postgresCpuSeconds } from './process-cpu.mjs';

export const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
export const spread = (values) => ({ median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values) });
export const format = ({ median, min, max }, digits = 0) => `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

/**
 * Runs `work` and returns its result with the CPU milliseconds per job spent by the platform's
 * process `appPid` (API or worker, when given), by PostgreSQL and by this process (the load
 * generator and progress polling, or raw pg-boss itself).
 */
export async function measuringCpu(appPid, work) {
  const before = { app: appPid ? cpuSeconds(appPid) : 0, postgres: postgresCpuSeconds(), generator: process.cpuUsage() };
  const { jobs, ...result } = await work();
  const generator = process.cpuUsage(before.generator);
  const perJob = (seconds) => (seconds * 1000) / jobs;
  return {
    ...result,
    cpu: {
      ...(appPid ? { app: perJob(cpuSeconds(appPid) - before.app) } : {}),
      postgres: perJob(postgresCpuSeconds() - before.postgres),
      generator: perJob((generator.user + generator.system) / 1e6),
    },
  };
}

/** The rows of one statement, on a connection of its own. */
export async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Calls `work` from `callers` concurrent loops for `seconds`; returns the completed calls per second. */
export async function closedLoop(callers, seconds, work) {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let sequence = caller; performance.now() < deadline; sequence += callers) {
        await work(sequence);
        done += 1;
      }
    }),
  );
  return done / seconds;
}

/** autocannon as a promise (`duration` in seconds among the options). */
export function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Seconds until `count` of the query's rows are done, polled every 250 ms (each poll counts rows, so
 * it costs the server something too); with the timeline of (seconds since the start, rows done).
 */
export async function timeline(url, sql, count, timeoutSeconds = 3600) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const startedAt = performance.now();
  const samples = [];
  try {
    for (;;) {
      const [{ done, failed = 0 }] = (await client.query(sql)).rows;
      if (Number(failed) > 0) throw new Error(`${failed} jobs failed; a benchmark counts only jobs that complete`);
      const seconds = (performance.now() - startedAt) / 1000;
      samples.push([seconds, Number(done)]);
      if (Number(done) >= count) return { seconds, samples };
      if (seconds > timeoutSeconds) throw new Error(`only ${done} of ${count} done in ${timeoutSeconds} s`);
      await sleep(250);
    }
  } finally {
    await client.end();
  }
}

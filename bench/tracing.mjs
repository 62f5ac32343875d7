// What OpenTelemetry tracing costs the hot path, in one run on one PostgreSQL: raw pg-boss (64 send()
// callers; work() at its best) as the baseline, and the platform's single submits (POST /v1/jobs,
// autocannon, 64 connections, no worker) and drain (a queued backlog of no-op jobs, one worker) with
// tracing off (no OTEL_* variable), on with every span exported (OTEL_TRACES_SAMPLER=always_on), and
// on with a tenth of the traces (traceidratio 0.1) — exported over OTLP/HTTP protobuf with the
// standard batch settings to a receiver in this process, which counts the spans. Each repetition runs
// the four in rotating order; figures are medians with their range. Usage: pnpm bench:tracing
// [drainJobs=50000]   BENCH_REPETITIONS (3), BENCH_SECONDS (10), BENCH_WORKER_CONCURRENCY (250).
import { cpus } from 'node:os';
import { startTestPostgres } from '@jobs/dev-postgres';
import { mintToken, OtlpReceiver, startStack, uniqueSubject } from '@jobs/testing';
import { format, spread } from './measures.mjs';
import { API_ENV, BENCH_JOBS_ENV, workerEnv } from './noop-load.mjs';
import { platformDrain, platformSubmit } from './platform-load.mjs';
import { bestRawDrain, rawSubmit } from './raw-pg-boss.mjs';

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DRAIN_JOBS = Number(process.argv[2] ?? 50_000);
const CONNECTIONS = 64;
const BATCH = 1000;
const WORKER_ENV = workerEnv(Number(process.env.BENCH_WORKER_CONCURRENCY ?? 250));

/** The platform's settings under test: each process's tracing variables, given the receiver. */
const MODES = {
  off: { label: 'tracing off', env: () => ({}) },
  on: { label: 'on, every span', env: (receiver) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER: 'always_on' }) },
  sampled: {
    label: 'on, 10 % of traces',
    env: (receiver) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }),
  },
};
const RUNS = ['raw', ...Object.keys(MODES)];
const log = (message) => console.error(`[bench] ${message}`);

/** Spans the receiver counts while `work` runs and the stack it started stops (a stop flushes the exporters' batches). */
async function countingSpans(receiver, work) {
  const before = receiver.spanCount;
  const result = await work();
  return { ...result, spans: receiver.spanCount - before };
}

async function raw() {
  const submit = await rawSubmit(CONNECTIONS, SECONDS);
  const drain = (await bestRawDrain(DRAIN_JOBS, BATCH)).best;
  return { submit: { rate: submit.rate, cpu: submit.cpu }, drain: { rate: drain.rate, cpu: drain.cpu } };
}

async function platform(mode, receiver) {
  const env = MODES[mode].env(receiver);
  const submit = await countingSpans(receiver, async () => {
    const stack = await startStack({ workers: 0, apiEnv: { ...API_ENV, ...env } });
    try {
      const { rate, cpu } = await platformSubmit(stack, mintToken({ sub: uniqueSubject('traced') }, { expiresIn: '2h' }), CONNECTIONS, SECONDS);
      return { rate, cpu, jobs: rate * SECONDS };
    } finally {
      await stack.stop();
    }
  });
  const drain = await countingSpans(receiver, async () => {
    const stack = await startStack({ workers: 0, apiEnv: { ...BENCH_JOBS_ENV, ...env } });
    try {
      const { rate, cpu } = await platformDrain(stack, DRAIN_JOBS, BATCH, { ...WORKER_ENV, ...env });
      return { rate, cpu, jobs: DRAIN_JOBS };
    } finally {
      await stack.stop();
    }
  });
  return { submit, drain };
}

const server = await startTestPostgres();
const receiver = await OtlpReceiver.start({ retainSpans: false });
try {
  const runs = Object.fromEntries(RUNS.map((run) => [run, []]));
  for (let repetition = 1; repetition <= REPETITIONS; repetition += 1) {
    const order = RUNS.map((_, index) => RUNS[(index + repetition - 1) % RUNS.length]);
    for (const run of order) {
      runs[run].push(run === 'raw' ? await raw() : await platform(run, receiver));
      log(`repetition ${repetition}, ${run}: ${JSON.stringify(runs[run].at(-1))}`);
    }
  }
  const failed = receiver.requests.filter((request) => request.status !== 200);
  if (failed.length > 0) throw new Error(`the receiver refused ${failed.length} exports: ${failed[0].error}`);

  /** Per repetition, `mode`'s `measure` against raw pg-boss's (or another mode's) in the same repetition. */
  const ratios = (mode, measure, baseline = 'raw') => runs[mode].map((run, index) => run[measure].rate / runs[baseline][index][measure].rate);
  const rates = (mode, measure) => runs[mode].map((run) => run[measure].rate);
  const modes = Object.keys(MODES);

  console.log(`${REPETITIONS} repetitions in rotating order; median (min–max). Machine: ${cpus().length} vCPU, PostgreSQL on the same host, Node ${process.version}.`);
  console.log(`Submit: POST /v1/jobs, ${CONNECTIONS} connections, ${SECONDS} s, no worker, against ${CONNECTIONS} send() callers. Drain: ${DRAIN_JOBS} queued no-op jobs, one worker at WORKER_CONCURRENCY=${WORKER_ENV.WORKER_CONCURRENCY}, against work() at its best.`);
  console.log('Tracing on: OTLP/HTTP protobuf to a receiver in the benchmark process (which decodes and counts every span), standard batch settings.\n');
  console.log(`| measure | raw pg-boss | ${modes.map((mode) => MODES[mode].label).join(' | ')} |`);
  console.log(`|---|---|${modes.map(() => '---').join('|')}|`);
  for (const measure of ['submit', 'drain']) {
    console.log(`| ${measure}, jobs/s | ${format(spread(rates('raw', measure)))} | ${modes.map((mode) => format(spread(rates(mode, measure)))).join(' | ')} |`);
    console.log(`| ${measure}, ratio to raw pg-boss | 1 | ${modes.map((mode) => format(spread(ratios(mode, measure)), 2)).join(' | ')} |`);
  }

  console.log('\nAgainst tracing off in the same repetition (rate ratio), and what each job cost:\n');
  console.log(`| measure | ${modes.map((mode) => MODES[mode].label).join(' | ')} |`);
  console.log(`|---|${modes.map(() => '---').join('|')}|`);
  for (const measure of ['submit', 'drain']) {
    const app = measure === 'submit' ? 'API' : 'worker';
    console.log(`| ${measure}, rate / off's | ${modes.map((mode) => format(spread(ratios(mode, measure, 'off')), 3)).join(' | ')} |`);
    console.log(`| ${measure}, ${app} CPU per job (ms) | ${modes.map((mode) => format(spread(runs[mode].map((run) => run[measure].cpu.app)), 3)).join(' | ')} |`);
    console.log(`| ${measure}, PostgreSQL CPU per job (ms) | ${modes.map((mode) => format(spread(runs[mode].map((run) => run[measure].cpu.postgres)), 3)).join(' | ')} |`);
    console.log(`| ${measure}, spans received per job | ${modes.map((mode) => format(spread(runs[mode].map((run) => run[measure].spans / run[measure].jobs)), 3)).join(' | ')} |`);
  }
  console.log(`\nThe receiver took ${receiver.requests.length} exports (${receiver.spanCount} spans), none refused.`);
} finally {
  await receiver.stop();
  await server.stop();
}

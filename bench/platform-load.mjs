// The platform's side of the throughput benchmarks: single submits under autocannon, and the drain of
// a queued backlog by one worker, each with the CPU it cost.
import { mintToken, uniqueSubject } from '@jobs/testing';
import { FINISHED_JOBS, noop, submitBacklog } from './noop-load.mjs';
import { cannon, measuringCpu, timeline } from './measures.mjs';

/** `POST /v1/jobs` of a no-op job from `connections` autocannon connections for `seconds`: jobs/s, and CPU per job (the API's as `app`). */
export async function platformSubmit(stack, token, connections, seconds) {
  return measuringCpu(stack.api.process.pid, async () => {
    const result = await cannon({
      duration: seconds,
      url: `${stack.api.url}/v1/jobs`,
      method: 'POST',
      connections,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(noop(1)),
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`submit: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rate: result['2xx'] / seconds, jobs: result['2xx'] };
  });
}

/**
 * Queues `jobs` no-op jobs on a stack without workers (batches of `batch`), then starts one worker with
 * `workerEnv` and times it until every job is done: jobs/s, CPU per job (the worker's as `app`), the
 * progress samples, and the worker, still running.
 */
export async function platformDrain(stack, jobs, batch, workerEnv) {
  const client = stack.client.withToken(mintToken({ sub: uniqueSubject('drain') }, { expiresIn: '2h' }));
  await submitBacklog(client, jobs, batch);
  const worker = await stack.startWorker(workerEnv);
  const drained = await measuringCpu(worker.pid, async () => {
    const { seconds, samples } = await timeline(stack.database.url, FINISHED_JOBS, jobs);
    return { rate: jobs / seconds, jobs, samples };
  });
  return { ...drained, worker };
}

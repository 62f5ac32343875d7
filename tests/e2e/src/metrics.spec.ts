import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { freePort } from '@jobs/dev-postgres';
import { type ApiClient, mintToken, openEventStream, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

/** The value of one series in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

describe('metrics and worker probes', () => {
  let stack: TestStack;
  let client: ApiClient;
  let workerUrl: string;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    const port = await freePort();
    await stack.startWorker({ WORKER_HTTP_PORT: String(port), WORKER_HTTP_HOST: '127.0.0.1' });
    workerUrl = `http://127.0.0.1:${port}`;
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('observed') }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('exposes requests, submissions and queue depth on the API, and finished jobs on the worker', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) ids.push((await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: `10.0.0.${index}` } })).body.jobId);
    await Promise.all(ids.map((id) => waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${id}/status`)).body, (job) => job.status === 'COMPLETED')));

    const api = await client.get<string>('/metrics');
    expect(api.status).toBe(200);
    expect(api.headers.get('content-type')).toContain('text/plain');
    const apiText = api.body;
    expect(sample(apiText, 'jobs_submitted_total', { app: 'api', type: 'text.indicators' })).toBe(3);
    expect(sample(apiText, 'http_request_duration_seconds_count', { route: '/v1/jobs/:id/status', status: '200', method: 'GET' })).toBeGreaterThanOrEqual(3);
    expect(sample(apiText, 'http_request_duration_seconds_count', { route: '/v1/jobs', status: '202', method: 'POST' })).toBe(3);
    expect(apiText).toMatch(/^jobs_queue_depth\{[^}]*queue="text\.indicators"[^}]*state="queued"[^}]*\} \d+$/m);
    expect(apiText).toContain('process_resident_memory_bytes');

    const worker = await (await fetch(`${workerUrl}/metrics`)).text();
    expect(sample(worker, 'jobs_finished_total', { app: 'worker', type: 'text.indicators', status: 'COMPLETED' })).toBe(3);
    expect(sample(worker, 'job_duration_seconds_count', { type: 'text.indicators', status: 'COMPLETED' })).toBe(3);
  });

  it('counts pending jobs cancelled through the API', async () => {
    const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 })).body;
    expect((await client.post(`/v1/jobs/${jobId}/cancel`)).status).toBe(200);
    const apiText = (await client.get<string>('/metrics')).body;
    expect(sample(apiText, 'jobs_finished_total', { app: 'api', type: 'text.indicators', status: 'CANCELLED' })).toBe(1);
  });

  it('counts the open event streams by kind, down again when their clients go', async () => {
    const token = mintToken({ sub: uniqueSubject('streams') });
    const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 })).body;
    const open = async () => (await client.get<string>('/metrics')).body;
    const streams = [
      await openEventStream(`${stack.api.url}/v1/jobs/${jobId}/stream`, { authorization: `Bearer ${client.token}` }),
      await openEventStream(`${stack.api.url}/v1/jobs/events`, { authorization: `Bearer ${token}` }),
      await openEventStream(`${stack.api.url}/v1/jobs/events`, { authorization: `Bearer ${token}` }),
    ];
    const opened = await open();
    expect([sample(opened, 'sse_streams_open', { app: 'api', stream: 'job' }), sample(opened, 'sse_streams_open', { app: 'api', stream: 'feed' })]).toEqual([1, 2]);
    for (const stream of streams) stream.close();
    await waitUntil(
      async () => {
        const text = await open();
        return [sample(text, 'sse_streams_open', { stream: 'job' }), sample(text, 'sse_streams_open', { stream: 'feed' })];
      },
      (counts) => counts[0] === 0 && counts[1] === 0,
    );
  });

  it('answers the worker probes', async () => {
    expect((await fetch(`${workerUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${workerUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, queue: { status: 'up' } } });
    expect((await fetch(`${workerUrl}/nope`)).status).toBe(404);
  });
});

import { describe, expect, it } from '@jest/globals';
import { ErrorCode, type JobSummary } from '@jobs/contracts';
import { JobsClient } from './jobs-client.js';

/** A server that answers the status route from a script, recording when each call came. */
function scriptedServer(answers: Array<{ status: number; body: unknown; headers?: Record<string, string> }>): { fetch: typeof fetch; calls: number[] } {
  const calls: number[] = [];
  const fetchScripted = async (): Promise<Response> => {
    calls.push(Date.now());
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer scripted');
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': type, ...answer.headers } });
  };
  return { fetch: fetchScripted as typeof fetch, calls };
}

const job = (status: JobSummary['status']): Partial<JobSummary> => ({ id: 'j1', status, progress: null });

describe('JobsClient.waitFor', () => {
  it('waits out a 503 for as long as its Retry-After asks, then polls to a terminal status', async () => {
    const unavailable = { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'db away', code: ErrorCode.SERVICE_UNAVAILABLE };
    const server = scriptedServer([
      { status: 503, body: unavailable, headers: { 'retry-after': '1' } },
      { status: 200, body: job('PROCESSING') },
      { status: 200, body: job('COMPLETED') },
    ]);
    const client = new JobsClient({ baseUrl: 'http://api.invalid', token: 't', fetch: server.fetch, polling: { initialDelayMs: 20 } });
    const done = await client.waitFor('j1');
    expect(done.status).toBe('COMPLETED');
    expect(server.calls).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = server.calls;
    expect(second - first).toBeGreaterThanOrEqual(990);
    expect(third - second).toBeLessThan(500);
  });

  it('gives up at once on a problem that waiting cannot fix', async () => {
    const missing = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No job with id j1.', code: ErrorCode.JOB_NOT_FOUND };
    const server = scriptedServer([{ status: 404, body: missing }]);
    const client = new JobsClient({ baseUrl: 'http://api.invalid', token: 't', fetch: server.fetch });
    await expect(client.waitFor('j1')).rejects.toMatchObject({ code: ErrorCode.JOB_NOT_FOUND });
    expect(server.calls).toHaveLength(1);
  });

  it('describes a non-problem error response by its status', async () => {
    const gateway = (async () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })) as typeof fetch;
    const client = new JobsClient({ baseUrl: 'http://api.invalid', token: 't', fetch: gateway });
    await expect(client.status('j1')).rejects.toMatchObject({ status: 502, code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true });
  });
});

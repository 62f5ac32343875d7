import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

/** The JSON log lines of a process's output (pino writes one object per line outside development). */
function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('structured logs with request ids', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('carries the caller\'s X-Request-Id from the API\'s request log into the worker\'s lines for the job', async () => {
    const token = mintToken({ sub: uniqueSubject('traced') });
    const client = stack.client.withToken(token);
    const requestId = `trace-${Date.now()}`;
    const accepted = await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: '192.0.2.1' } }, { headers: { 'x-request-id': requestId } });
    expect(accepted.headers.get('x-request-id')).toBe(requestId);
    const { jobId } = accepted.body;
    await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body.status, (status) => status === 'COMPLETED');

    const request = logLines(stack.api.process.logs()).find((line) => (line['req'] as { id?: string } | undefined)?.id === requestId);
    expect(request).toMatchObject({ app: 'api', level: 30, msg: expect.stringMatching(/^POST \/v1\/jobs 202 in \d+ ms$/) });
    expect(JSON.stringify(request)).not.toContain(token);

    await waitUntil(async () => logLines(stack.workers[0]?.logs() ?? '').filter((line) => line['jobId'] === jobId).length, (count) => count > 0);
    const jobLines = logLines(stack.workers[0]?.logs() ?? '').filter((line) => line['jobId'] === jobId);
    for (const line of jobLines) expect(line).toMatchObject({ app: 'worker', requestId, type: 'text.indicators' });
    expect(jobLines.map((line) => line['msg'])).toContainEqual(expect.stringMatching(/^completed in \d+ ms/));
  });

  it('makes up a request id when the caller gives none, or an unusable one', async () => {
    const client = stack.client.withToken(mintToken({ sub: uniqueSubject('untraced') }));
    const made = (await client.get('/v1/job-types')).headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = (await client.get('/v1/job-types', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

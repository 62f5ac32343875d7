import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse } from '@jobs/contracts';
import { mintToken, openEventStream, startStack, type TestStack, uniqueSubject } from '@jobs/testing';

describe('API graceful shutdown', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('on SIGTERM refuses new connections, ends open streams with a reconnect hint, and exits 0', async () => {
    const token = mintToken({ sub: uniqueSubject('leaving') });
    const client = stack.client.withToken(token);
    const { jobId } = (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 })).body;
    const streams = await Promise.all(
      Array.from({ length: 5 }, () => openEventStream(`${stack.api.url}/v1/jobs/${jobId}/stream`, { authorization: `Bearer ${token}` })),
    );
    for (const stream of streams) expect((await stream.next())?.event).toBe('status');

    const startedAt = Date.now();
    stack.api.process.kill('SIGTERM');
    for (const stream of streams) {
      expect(await stream.next(10_000)).toBeNull();
      expect(stream.retryMs).toBe(1000);
    }
    expect(await stack.api.process.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    await expect(fetch(`${stack.api.url}/health/live`)).rejects.toThrow();
    expect(stack.api.process.logs()).toContain('SIGTERM: shutting down gracefully');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProblemDetails } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';

describe('rate limits, security headers and CORS', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ workers: 0, apiEnv: { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://app.example' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the per-token limit, and counts each token apart', async () => {
    const busy = stack.client.withToken(mintToken({ sub: uniqueSubject('busy') }));
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await busy.get('/v1/job-types')).status);
    const limited = await busy.get<ProblemDetails>('/v1/job-types');

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', title: 'Too Many Requests' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await stack.client.withToken(mintToken({ sub: uniqueSubject('calm') })).get('/v1/job-types')).status).toBe(200);
    for (let index = 0; index < 8; index += 1) expect((await stack.client.get('/health/live')).status).toBe(200);
  });

  it('sends security headers', async () => {
    const response = await stack.client.get('/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.api.url}/v1/jobs`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

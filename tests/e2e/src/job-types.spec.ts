import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobSummary, JobTypeListResponse, ProblemDetails, ResultResponse, SimilarDomainsResult } from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

describe('built-in job types, end to end', () => {
  let stack: TestStack;
  let client: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('analyst') }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function run(type: string, payload: object): Promise<JobSummary> {
    const accepted = await client.post<JobAcceptedResponse>('/v1/jobs', { type, payload });
    expect(accepted.status).toBe(202);
    return waitUntil(
      async () => (await client.get<JobSummary>(`/v1/jobs/${accepted.body.jobId}/status`)).body,
      (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status),
      { timeoutMs: 30_000 },
    );
  }

  describe('domain.similar', () => {
    it('is listed with its payload schema', async () => {
      const types = (await client.get<JobTypeListResponse>('/v1/job-types')).body.data;
      const similar = types.find((type) => type.name === 'domain.similar');
      expect(similar).toMatchObject({ resultType: 'similar-domains', hasCompactResult: true, payloadSchema: { required: ['domain'] } });
      expect(JSON.stringify(similar?.payloadSchema)).toContain('vowel-swap');
    });

    it('finds look-alikes, with progress on the status route and a compact form', async () => {
      const job = await run('domain.similar', { domain: 'bücher.de', tlds: ['com', 'net'], limit: 500 });
      expect(job.status).toBe('COMPLETED');
      expect(job.progress).toMatchObject({ current: 13, total: 13, percentage: 100 });

      const result = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result`)).body;
      const data = result.data as SimilarDomainsResult;
      expect(result.type).toBe('similar-domains');
      expect(data).toMatchObject({ domain: 'bücher.de', count: 500 });
      expect(data.total).toBeGreaterThan(500);
      expect(data.variants).toContainEqual({ fuzzer: 'tld-swap', domain: 'bücher.com', punycode: 'xn--bcher-kva.com' });

      const compact = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result?compact=true`)).body;
      expect(compact.data).toEqual({ domain: 'bücher.de', count: 500, total: data.total, byFuzzer: data.byFuzzer });
    });

    it('refuses what is not a domain at submission, and fails a bare public suffix without retrying', async () => {
      const refused = await client.post<ProblemDetails>('/v1/jobs', { type: 'domain.similar', payload: { domain: 'https://example.com/x', fuzzers: ['typo'] } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.field).sort()).toEqual(['payload.domain', 'payload.fuzzers']);

      const job = await run('domain.similar', { domain: 'co.uk' });
      expect(job).toMatchObject({ status: 'FAILED', attempts: 1, error: { code: 'InvalidDomain' } });
      expect((await client.get<JobResponse>(`/v1/jobs/${job.id}`)).body.result).toBeNull();
    });
  });
});

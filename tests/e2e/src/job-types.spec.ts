import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  JobAcceptedResponse,
  JobResponse,
  JobSummary,
  JobTypeListResponse,
  ProblemDetails,
  ResultResponse,
  SampleReport,
  SimilarDomainsResult,
} from '@jobs/contracts';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

describe('built-in job types, end to end', () => {
  let stack: TestStack;
  let client: ApiClient;

  beforeAll(async () => {
    // A deployment with its own sample limit, set alike on the API and the workers.
    const limits = { SAMPLE_MAX_BYTES: '200000' };
    stack = await startStack({ apiEnv: limits, workerEnv: limits });
    client = stack.client.withToken(mintToken({ sub: uniqueSubject('analyst') }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('describes every payload field with its doc comment, for forms and generated clients to show', async () => {
    const { data } = (await client.get<JobTypeListResponse>('/v1/job-types')).body;
    for (const type of data) {
      for (const [field, schema] of Object.entries(type.payloadSchema['properties'] as Record<string, { description?: string }>)) {
        expect({ type: type.name, field, described: (schema.description ?? '').length > 10 }).toEqual({ type: type.name, field, described: true });
      }
    }
    const sample = data.find((type) => type.name === 'sample.analyze')?.payloadSchema['properties'] as Record<string, { description: string }>;
    expect(sample['contentBase64']?.description).toBe(
      "The file's bytes in standard, padded base64; the deployment's SAMPLE_MAX_BYTES bounds their size. Base64 of at most 200000 bytes.",
    );
  });

  async function run(type: string, payload: object, timeoutMs = 30_000): Promise<JobSummary> {
    const accepted = await client.post<JobAcceptedResponse>('/v1/jobs', { type, payload });
    expect(accepted.status).toBe(202);
    return waitUntil(
      async () => (await client.get<JobSummary>(`/v1/jobs/${accepted.body.jobId}/status`)).body,
      (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status),
      { timeoutMs },
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
      const job = await run('domain.similar', { domain: 'bücher.de', tlds: ['com', 'net'], limit: 200 });
      expect(job.status).toBe('COMPLETED');
      expect(job.progress).toMatchObject({ current: 15, total: 15, percentage: 100 });

      const result = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result`)).body;
      const data = result.data as SimilarDomainsResult;
      expect(result.type).toBe('similar-domains');
      expect(data).toMatchObject({ domain: 'bücher.de', count: 200 });
      expect(data.total).toBeGreaterThan(200);
      expect(data.variants).toContainEqual({ fuzzer: 'tld-swap', domain: 'bücher.com', punycode: 'xn--bcher-kva.com' });

      const compact = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result?compact=true`)).body;
      expect(compact.data).toEqual({ domain: 'bücher.de', count: 200, total: data.total, totalExact: true, truncatedFuzzers: [], byFuzzer: data.byFuzzer });
    });

    it('completes the longest name at the default limit on its first attempt, well inside the timeout', async () => {
      // A 63-character name once held a worker for the whole 120 s timeout, and again on the retry.
      const domain = 'internationalbusinessmachinescorporationcustomersupportportal01.com';
      const job = await run('domain.similar', { domain }, 150_000);
      expect(job).toMatchObject({ status: 'COMPLETED', attempts: 1 });
      const data = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result`)).body.data as SimilarDomainsResult;
      expect(data).toMatchObject({ domain, totalExact: true, truncatedFuzzers: [] });
      expect(data.count).toBe(data.total);
      expect(data.byFuzzer.homoglyph).toBeGreaterThan(1000);
    }, 180_000);

    it('refuses what is not a domain at submission, and fails a bare public suffix without retrying', async () => {
      const refused = await client.post<ProblemDetails>('/v1/jobs', { type: 'domain.similar', payload: { domain: 'https://example.com/x', fuzzers: ['typo'] } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.field).sort()).toEqual(['payload.domain', 'payload.fuzzers']);

      const job = await run('domain.similar', { domain: 'co.uk' });
      expect(job).toMatchObject({ status: 'FAILED', attempts: 1, error: { code: 'InvalidDomain' } });
      expect((await client.get<JobResponse>(`/v1/jobs/${job.id}`)).body.result).toBeNull();
    });
  });

  describe('sample.analyze', () => {
    it('reports hashes, type, entropy, strings and ELF facts of a real executable, with progress', async () => {
      const bytes = readFileSync('/bin/true');
      const job = await run('sample.analyze', { contentBase64: bytes.toString('base64'), filename: 'true' });
      expect(job.status).toBe('COMPLETED');
      expect(job.progress).toMatchObject({ current: bytes.length, total: bytes.length, percentage: 100 });

      const report = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result`)).body.data as SampleReport;
      expect(report).toMatchObject({
        filename: 'true',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        md5: createHash('md5').update(bytes).digest('hex'),
        fileType: { kind: 'elf' },
        elf: { bits: 64, warnings: [] },
        pe: null,
      });
      expect(report.blockEntropy).toHaveLength(Math.ceil(bytes.length / 4096));
      expect(report.strings.ascii.length).toBeGreaterThan(10);

      const compact = (await client.get<ResultResponse>(`/v1/jobs/${job.id}/result?compact=true`)).body.data as Record<string, unknown>;
      expect(compact).toMatchObject({ sha256: report.sha256, fileType: report.fileType, elf: report.elf });
      expect(compact).not.toHaveProperty('strings');
      expect(compact).not.toHaveProperty('blockEntropy');
    });

    it('refuses a sample over the deployment\'s limit, or one that is not base64, at submission', async () => {
      const oversized = await client.post<ProblemDetails>('/v1/jobs', { type: 'sample.analyze', payload: { contentBase64: Buffer.alloc(200_001).toString('base64') } });
      expect(oversized.status).toBe(400);
      expect(oversized.body.errors).toEqual([{ field: 'payload.contentBase64', message: expect.stringContaining('decodes to 200001 bytes; at most 200000') }]);
      const garbled = await client.post<ProblemDetails>('/v1/jobs', { type: 'sample.analyze', payload: { contentBase64: 'not base64!' } });
      expect(garbled.status).toBe(400);
      expect(garbled.body.errors?.[0]?.field).toBe('payload.contentBase64');
    });
  });
});

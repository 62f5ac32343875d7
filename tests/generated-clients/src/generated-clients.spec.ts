import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { domainToASCII, fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SimilarDomainsResult } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import { type ConsumerReport, VARIANT_LIMIT } from '../consumers/report.js';

/** Everything here runs from the package folder; `generated/` is git-ignored and made afresh each run. */
const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
// Hey API reads a bare `a/b` as a project on its registry: local paths start with `./`.
const DOCUMENT = './generated/openapi.json';
/** A Unicode label, so that variants' punycode differs from their domain. */
const DOMAIN = 'münchen.de';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A Node script of the package (a generator's CLI, tsc, a consumer) on the Node running the tests. */
function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: PACKAGE_DIR, env: { PATH: process.env['PATH'] ?? '', ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

const GENERATORS: Record<string, [script: string, args: string[]]> = {
  'openapi-typescript': ['node_modules/openapi-typescript/bin/cli.js', [DOCUMENT, '--output', 'generated/openapi-typescript/schema.ts']],
  '@hey-api/openapi-ts': ['node_modules/@hey-api/openapi-ts/bin/run.js', ['--input', DOCUMENT, '--output', 'generated/hey-api', '--client', '@hey-api/client-fetch', '--no-log-file']],
};

describe('clients generated from /openapi.json by third-party generators', () => {
  let stack: TestStack;

  beforeAll(async () => {
    await rm(join(PACKAGE_DIR, 'generated'), { recursive: true, force: true });
    await mkdir(join(PACKAGE_DIR, 'generated'));
    stack = await startStack();
    const served = await fetch(`${stack.api.url}/openapi.json`);
    expect(served.status).toBe(200);
    await writeFile(join(PACKAGE_DIR, DOCUMENT), await served.text());
    await Promise.all(
      Object.entries(GENERATORS).map(async ([generator, [script, args]]) => {
        const run = await runNode(script, args);
        if (run.code !== 0) throw new Error(`${generator} exited with ${run.code}:\n${run.stdout}${run.stderr}`);
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('type-checks the consumers against the generated code under strict and noUncheckedIndexedAccess', async () => {
    const typeCheck = await runNode('node_modules/typescript/bin/tsc', ['-p', 'consumers/tsconfig.json']);
    expect(typeCheck.stdout).toBe('');
    expect(typeCheck.code).toBe(0);
  });

  it.each(['openapi-fetch', 'hey-api'])('the %s consumer submits, waits, reads the typed result, pages and reads problems', async (consumer) => {
    const token = mintToken({ sub: uniqueSubject(consumer) }, { expiresIn: '1h' });
    const run = await runNode(`generated/build/consumers/${consumer}.js`, [], { JOBS_API_URL: stack.api.url, JOBS_TOKEN: token, DOMAIN });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ConsumerReport;

    // What the consumer read through its generated types is what the API answers.
    const raw = await stack.client.withToken(token).get<{ data: SimilarDomainsResult }>(`/v1/jobs/${report.jobId}/result`);
    expect(raw.status).toBe(200);
    expect(report).toMatchObject({ status: 'COMPLETED', resultType: 'similar-domains', count: raw.body.data.count, variantCount: raw.body.data.variants.length });
    expect(report.firstVariant).toEqual(raw.body.data.variants[0]);
    expect(report.variantCount).toBe(VARIANT_LIMIT);
    expect(report.firstVariant.punycode).toBe(domainToASCII(report.firstVariant.domain));

    expect(report.pages).toBe(2);
    expect([...report.listedJobIds].sort()).toEqual([report.jobId, report.delayedJobId].sort());
    expect(report.notCompleted).toEqual({ status: 409, code: 'JOB_NOT_COMPLETED', title: expect.any(String) });
    expect(report.notFound).toEqual({ status: 404, code: 'JOB_NOT_FOUND', title: expect.any(String) });
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase, type ScratchDatabase } from '@jobs/dev-postgres';
import { API_MAIN, mintToken, spawnNode, startStack, TEST_JWT_SECRET, type TestStack, WORKER_MAIN } from '@jobs/testing';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function runNode(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('startup checks and command-line tools', () => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('refuses to start the API in production without a real secret', async () => {
    for (const [env, message] of [
      [{}, 'JWT_SECRET or JWT_PUBLIC_KEY is required in production'],
      [{ JWT_SECRET: 'local-development-secret-do-not-use-in-production' }, 'JWT_SECRET is the development default'],
    ] as const) {
      const api = spawnNode('api', API_MAIN, { NODE_ENV: 'production', DATABASE_URL: database.url, ...env });
      expect(await api.exited).toEqual({ code: 1, signal: null });
      expect(api.logs()).toContain(message);
    }
  });

  it('refuses to start the worker with a missing or invalid setting, naming it', async () => {
    const worker = spawnNode('worker', WORKER_MAIN, { WORKER_CONCURRENCY: 'zero' });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.logs()).toContain('DATABASE_URL: DATABASE_URL must be a postgresql:// connection string');
    expect(worker.logs()).toContain('WORKER_CONCURRENCY: WORKER_CONCURRENCY must be an integer number');
  });

  it('migrates with the db:migrate command, and says so when there is nothing to do', async () => {
    const cli = `${ROOT}packages/database/dist/cli.js`;
    const first = await runNode(cli, ['migrate'], { DATABASE_URL: database.url });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied migration \d+_init/);
    const again = await runNode(cli, ['migrate'], { DATABASE_URL: database.url });
    expect(again.stdout).toMatch(/database is up to date \(\d+ migrations applied\)/);
    const missing = await runNode(cli, ['migrate'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DATABASE_URL is not set');
  });

  describe('with a running stack', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startStack({ workers: 0 });
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('mints tokens the API accepts with the token command', async () => {
      const minted = await runNode(`${ROOT}apps/api/dist/cli/mint-token.js`, ['--sub', 'cli-user', '--org', 'acme', '--role', 'admin'], {
        JWT_SECRET: TEST_JWT_SECRET,
      });
      expect(minted.code).toBe(0);
      const token = minted.stdout.trim();
      const response = await stack.client.withToken(token).post<{ jobId: string }>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' } });
      expect(response.status).toBe(202);
      const job = await stack.client.withToken(mintToken({ sub: 'cli-user' })).get<{ ownerId: string; orgId: string }>(`/v1/jobs/${response.body.jobId}`);
      expect(job.body).toMatchObject({ ownerId: 'cli-user', orgId: 'acme' });
    });
  });
});

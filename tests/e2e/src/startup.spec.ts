import { execFile, spawnSync } from 'node:child_process';
import { chown, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase, freePort, type ScratchDatabase, startEmbeddedPostgres } from '@jobs/dev-postgres';
import {
  API_MAIN,
  ApiClient,
  mintToken,
  spawnCommand,
  spawnNode,
  startStack,
  TEST_JWT_SECRET,
  type TestStack,
  uniqueSubject,
  waitUntil,
  WORKER_MAIN,
} from '@jobs/testing';

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
      [{}, 'JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL is required in production'],
      [{ JWT_SECRET: 'local-development-secret-do-not-use-in-production' }, 'JWT_SECRET is the development default'],
    ] as const) {
      const api = spawnNode('api', API_MAIN, { NODE_ENV: 'production', DATABASE_URL: database.url, ...env });
      expect(await api.exited).toEqual({ code: 1, signal: null });
      expect(api.logs()).toContain(message);
    }
  });

  it('refuses to start the worker with a missing or invalid setting, naming it', async () => {
    const worker = spawnNode('worker', WORKER_MAIN, { WORKER_CONCURRENCY: 'zero', WORKER_LOG_MAX_LINES: '0', WORKER_LOG_MAX_BYTES: '100' });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.logs()).toContain('WORKER_LOG_MAX_LINES: WORKER_LOG_MAX_LINES must not be less than 1');
    expect(worker.logs()).toContain('WORKER_LOG_MAX_BYTES: WORKER_LOG_MAX_BYTES must not be less than 1024');
    expect(worker.logs()).toContain('DATABASE_URL: DATABASE_URL is required (or DATABASE_URL_FILE, or PGHOST with PGUSER, PGPASSWORD and PGDATABASE)');
    expect(worker.logs()).toContain('WORKER_CONCURRENCY: WORKER_CONCURRENCY must be an integer number');
  });

  it('refuses to start the worker with a retention age it cannot read, or for a job type it does not know', async () => {
    const malformed = spawnNode('worker', WORKER_MAIN, { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', JOB_RETENTION: '30 days', JOB_RETENTION_BY_TYPE: 'bench.noop' });
    expect(await malformed.exited).toEqual({ code: 1, signal: null });
    expect(malformed.logs()).toContain('JOB_RETENTION: JOB_RETENTION must be a whole number and s, m, h or d (45s, 90m, 12h, 30d)');
    expect(malformed.logs()).toContain('JOB_RETENTION_BY_TYPE: JOB_RETENTION_BY_TYPE must be type=age pairs');
    const unknown = spawnNode('worker', WORKER_MAIN, { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', JOB_RETENTION_BY_TYPE: 'domian.similar=7d' });
    expect(await unknown.exited).toEqual({ code: 1, signal: null });
    expect(unknown.logs()).toContain('JOB_RETENTION_BY_TYPE: unknown job type domian.similar');
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

  it('says in one line, without a stack trace or the password, what is wrong with the migration\'s connection settings', async () => {
    const cli = `${ROOT}packages/database/dist/cli.js`;
    for (const [env, message] of [
      [{ DATABASE_URL: 'postgresql://jobs:pa/ss#w@postgres:5432/jobs' }, 'DATABASE_URL must be a postgresql://user:password@host:5432/database connection string'],
      [{ DATABASE_URL_FILE: '/nonexistent/database-url' }, 'DATABASE_URL_FILE names /nonexistent/database-url, which cannot be read (ENOENT)'],
      [{ PGHOST: 'postgres', PGPASSWORD_FILE: '/nonexistent/password' }, 'PGPASSWORD_FILE names /nonexistent/password, which cannot be read (ENOENT)'],
    ] as const) {
      const run = await runNode(cli, ['migrate'], env);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
      expect(run.stderr).not.toContain('pa/ss');
    }
    // A server that is not there: one line that says so.
    const unreachable = await runNode(cli, ['migrate'], { DATABASE_URL: `postgresql://jobs@127.0.0.1:${await freePort()}/jobs` });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^migration failed: .*ECONNREFUSED/)]);
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

    it('mints with the secret JWT_SECRET_FILE names', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'jobs-token-secret-'));
      try {
        await writeFile(join(folder, 'jwt_secret'), `${TEST_JWT_SECRET}\n`);
        const minted = await runNode(`${ROOT}apps/api/dist/cli/mint-token.js`, ['--sub', 'file-user'], { JWT_SECRET_FILE: join(folder, 'jwt_secret') });
        expect(minted.code).toBe(0);
        expect((await stack.client.withToken(minted.stdout.trim()).get('/v1/jobs')).status).toBe(200);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });

  it('answers a token command line mistake with one line on stderr and exit code 2', async () => {
    const token = (args: string[], env: Record<string, string> = {}) => runNode(`${ROOT}apps/api/dist/cli/mint-token.js`, args, env);
    for (const [args, env, message] of [
      [['--sub', 'a', '--bogus'], {}, "pnpm token: Unknown option '--bogus' (pnpm token --help for usage)"],
      [['--sub', 'a', '--expires-in', 'soon'], {}, 'pnpm token: --expires-in must be seconds (3600) or a duration such as 90s, 15m, 1h or 7d, not "soon"'],
      [[], {}, 'pnpm token: --sub is required'],
      [['--sub', 'a', '--private-key', '/nonexistent/key.pem'], {}, 'pnpm token: cannot read --private-key /nonexistent/key.pem (ENOENT)'],
      [['--sub', 'a', '--private-key', '/dev/null', '--alg', 'HS256'], {}, 'pnpm token: --alg must be RS256 or ES256, not "HS256"'],
      [['--sub', 'a'], { JWT_SECRET_FILE: '/nonexistent/secret' }, 'pnpm token: JWT_SECRET_FILE names /nonexistent/secret, which cannot be read (ENOENT)'],
    ] as const) {
      const run = await token([...args], env);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    }
    const seconds = await token(['--sub', 'a', '--expires-in', '600']);
    expect(seconds.code).toBe(0);
    const help = await token(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('pnpm token --sub alice');
  });

  describe('the embedded PostgreSQL wherever the repository is', () => {
    const asRoot = process.getuid?.() === 0;
    /** Ordinary user a root run hands a user's folder to (CI runs as root; elsewhere: ourselves). */
    const NOBODY = { uid: 65534, gid: 65534 };

    it('pnpm start works from a copy in a folder only its owner can enter (mktemp -d), and stops cleanly', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'jobs-first-run-'));
      let standIn: string | undefined;
      try {
        expect((await stat(folder)).mode & 0o777).toBe(0o700);
        const copy = join(folder, 'repo');
        await copyRepository(copy);
        const [databasePort, apiPort] = [await freePort(), await freePort()];
        const start = spawnCommand('pnpm start', process.execPath, ['scripts/start.mjs'], {
          EMBEDDED_POSTGRES_PORT: String(databasePort),
          PORT: String(apiPort),
          HOST: '127.0.0.1',
          JWT_SECRET: TEST_JWT_SECRET,
          LOG_FORMAT: 'json',
        }, copy);
        try {
          await start.waitForOutput(/API listening/, 120_000);
          const client = new ApiClient(`http://127.0.0.1:${apiPort}`, mintToken({ sub: uniqueSubject('first-run') }));
          const submitted = await client.post<{ jobId: string }>('/v1/jobs', { type: 'text.indicators', payload: { text: 'see 203.0.113.7' } });
          expect(submitted.status).toBe(202);
          await waitUntil(
            () => client.get<{ status: string }>(`/v1/jobs/${submitted.body.jobId}/status`),
            (response) => response.body.status === 'COMPLETED',
            { timeoutMs: 60_000, intervalMs: 200 },
          );
        } finally {
          expect(await start.stop(60_000)).toEqual({ code: 0, signal: null });
        }
        const dataDir = /embedded PostgreSQL on [\d.:]+ \(data in (.+)\)/.exec(start.logs())?.[1];
        if (asRoot) {
          // The `postgres` user cannot enter root's folder: the cluster lives where it can, and says so.
          expect(start.logs()).toContain(`cannot reach ${copy}/.data/postgres`);
          standIn = dataDir;
          expect(standIn).toMatch(/^\/var\/lib\/jobs-platform\/embedded-postgres\/cluster-/);
          expect((await stat(standIn!)).uid).not.toBe(0);
        } else {
          expect(dataDir).toBe(`${copy}/.data/postgres`);
          expect((await stat(dataDir!)).uid).toBe(process.getuid?.());
        }
        expect(start.logs()).not.toMatch(/EACCES|\n\s+at /);
      } finally {
        await rm(folder, { recursive: true, force: true });
        if (standIn) await rm(standIn, { recursive: true, force: true });
      }
    });

    it('leaves a cluster in a user’s folder to that user, who can delete it later', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'jobs-users-folder-'));
      const owner = asRoot ? NOBODY : { uid: process.getuid!(), gid: process.getgid!() };
      try {
        if (asRoot) await chown(folder, owner.uid, owner.gid);
        const dataDir = join(folder, '.data', 'postgres');
        const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'jobs' });
        await postgres.stop();
        expect(postgres.dataDir).toBe(dataDir);
        for (const made of [join(folder, '.data'), dataDir]) expect((await stat(made)).uid).toBe(owner.uid);
        // The user's own cleanup, as that user.
        const removed = spawnSync('rm', ['-rf', join(folder, '.data')], { uid: owner.uid, gid: owner.gid });
        expect(removed.status).toBe(0);
        expect(await readdir(folder)).toEqual([]);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
});

/**
 * The repository as a newcomer's clone would have it, built and installed: hard links where the
 * file system allows (fast), a real copy otherwise. Without `.git` and `.data`.
 */
async function copyRepository(target: string): Promise<void> {
  await run('mkdir', [target]);
  const entries = (await readdir(ROOT)).filter((entry) => entry !== '.git' && entry !== '.data');
  const sources = entries.map((entry) => join(ROOT, entry));
  await run('cp', ['-al', ...sources, target]).catch(() => run('cp', ['-a', ...sources, target]));
}

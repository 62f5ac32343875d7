import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@jobs/dev-postgres';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const API_MAIN = `${REPOSITORY_ROOT}apps/api/dist/main.js`;
export const WORKER_MAIN = `${REPOSITORY_ROOT}apps/worker/dist/main.js`;

const OUTPUT_LIMIT = 256 * 1024;
/** Generous: a process starting beside a whole test suite on two cores can take many seconds. */
const PROCESS_START_TIMEOUT_MS = 60_000;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A real Node process of ours (API or worker) with its output kept for assertions and failures. */
export class ManagedProcess {
  readonly exited: Promise<ExitStatus>;
  private output = '';

  constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logs(): string {
    return this.output;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.isRunning) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`. */
  async stop(timeoutMs = 20_000): Promise<ExitStatus> {
    if (!this.isRunning) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when the output matches `pattern`; rejects if the process exits or time runs out. */
  async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.isRunning) throw new Error(`${this.label} exited before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.label} did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await sleep(50);
    }
  }
}

export interface SpawnOptions {
  /**
   * A cgroup (v1 or v2) folder the process starts inside, e.g. one with a memory limit: a shell joins it
   * and then becomes the process (exec), so everything the process allocates is charged to it.
   */
  cgroup?: string;
}

export function spawnNode(label: string, script: string, env: Record<string, string>, options: SpawnOptions = {}): ManagedProcess {
  if (!options.cgroup) return spawnCommand(label, process.execPath, [script], env);
  return spawnCommand(label, '/bin/sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$1" "$2"', options.cgroup, process.execPath, script], env);
}

/** Any command, with only PATH, NODE_ENV=test and `env` in its environment. */
export function spawnCommand(label: string, command: string, args: string[], env: Record<string, string>, cwd?: string): ManagedProcess {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new ManagedProcess(label, child);
}

export interface RunningApi {
  url: string;
  process: ManagedProcess;
}

/** Starts the built API on a free port and waits until it answers its liveness probe. */
export async function startApi(env: Record<string, string>, options: SpawnOptions = {}): Promise<RunningApi> {
  const port = await freePort();
  const process = spawnNode('api', API_MAIN, { PORT: String(port), HOST: '127.0.0.1', ...env }, options);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + PROCESS_START_TIMEOUT_MS;
  for (;;) {
    if (!process.isRunning) throw new Error(`api exited during start:\n${process.logs()}`);
    const live = await fetch(`${url}/health/live`).then((response) => response.ok, () => false);
    if (live) return { url, process };
    if (Date.now() > deadline) {
      await process.stop();
      throw new Error(`api did not become live:\n${process.logs()}`);
    }
    await sleep(100);
  }
}

/** Starts the built worker and waits until it is working its queues. */
export async function startWorker(env: Record<string, string>, options: SpawnOptions = {}): Promise<ManagedProcess> {
  const worker = spawnNode('worker', WORKER_MAIN, env, options);
  try {
    await worker.waitForOutput(/worker \d+ started/, PROCESS_START_TIMEOUT_MS);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

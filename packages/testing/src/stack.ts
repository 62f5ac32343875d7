import type { ScratchDatabase } from '@jobs/dev-postgres';
import { TEST_JWT_SECRET } from './auth.js';
import { ApiClient } from './api-client.js';
import { createMigratedDatabase } from './database.js';
import { type ManagedProcess, type RunningApi, startApi, startWorker } from './processes.js';

export interface StackOptions {
  workers?: number;
  apiEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** cgroup folders the API and each worker start inside (see SpawnOptions), e.g. to confine their memory. */
  apiCgroup?: string;
  workerCgroup?: string;
  /** The database variables both apps get for the scratch database's URL (default `DATABASE_URL` = it): e.g. a pooler in front. */
  databaseEnv?: (url: string) => Promise<Record<string, string>>;
}

/** A migrated scratch database with a real API process and real worker processes on it. */
export interface TestStack {
  database: ScratchDatabase;
  api: RunningApi;
  workers: ManagedProcess[];
  client: ApiClient;
  startWorker(env?: Record<string, string>): Promise<ManagedProcess>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const database = await createMigratedDatabase();
  const shared = (await options.databaseEnv?.(database.url)) ?? { DATABASE_URL: database.url };
  const workers: ManagedProcess[] = [];
  let api: RunningApi | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all([api?.process.stop(), ...workers.map((worker) => worker.stop())]);
    await database.drop();
  };
  const addWorker = async (env: Record<string, string> = {}): Promise<ManagedProcess> => {
    const worker = await startWorker({ ...shared, WORKER_POLL_INTERVAL_SECONDS: '0.5', ...options.workerEnv, ...env }, { cgroup: options.workerCgroup });
    workers.push(worker);
    return worker;
  };
  try {
    // Tests poll hard with one token; the rate limit has its own test.
    api = await startApi({ ...shared, JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '0', ...options.apiEnv }, { cgroup: options.apiCgroup });
    for (let index = 0; index < (options.workers ?? 1); index += 1) await addWorker();
  } catch (error) {
    // A stack that did not come up leaves no process or database behind.
    await stop();
    throw error;
  }
  return { database, api, workers, client: new ApiClient(api.url), startWorker: addWorker, stop };
}

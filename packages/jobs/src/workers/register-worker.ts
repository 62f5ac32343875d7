import type { Session } from './session.js';

export interface WorkerIdentity {
  id: string;
  host: string;
  pid: number;
}

/**
 * Registers the worker through `session`, the session it keeps open while it lives: its backend's
 * pid and start time name it in pg_stat_activity. Run again after a reconnect, it moves the worker
 * to its new session (and revives it if a sweep had taken it for dead meanwhile).
 */
export async function registerWorker(session: Session, worker: WorkerIdentity): Promise<void> {
  await session.query(
    `INSERT INTO workers (id, host, pid, backend_pid, backend_started_at)
     SELECT $1::uuid, $2, $3, pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()
     ON CONFLICT (id) DO UPDATE
        SET backend_pid = EXCLUDED.backend_pid, backend_started_at = EXCLUDED.backend_started_at, heartbeat_at = now(), stopped_at = NULL`,
    [worker.id, worker.host, worker.pid],
  );
}

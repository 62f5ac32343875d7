import { Prisma } from '@jobs/database';

/**
 * How long a worker's session must have been gone, counted from its last heartbeat, before it is
 * taken for dead: a worker whose session dropped reconnects and registers again within this (the
 * listener's first retries come after 0.1–1.6 s), so a dropped connection is not a death.
 */
export const DEAD_AFTER_SECONDS = 2;

/**
 * After PostgreSQL itself (re)started, every worker's session is new and some have not registered
 * again yet: no worker is taken for dead until this long after the server's start.
 */
export const SERVER_START_GRACE_SECONDS = 15;

/**
 * The condition that the registered worker `w` is dead: not stopped on purpose, silent for
 * DEAD_AFTER_SECONDS, and its session gone from pg_stat_activity (no backend with its pid and start
 * time). The session is the proof, not the heartbeat: a worker too busy to beat (a handler holding
 * its event loop) still has its session, and keeps its jobs. A session this role may not inspect
 * (`backend_start` hidden) counts as alive: in doubt, pg-boss's heartbeat expiry decides.
 */
export const DEAD_WORKER_SQL = Prisma.sql`(
  w.stopped_at IS NULL
  AND w.heartbeat_at < now() - make_interval(secs => ${DEAD_AFTER_SECONDS})
  AND pg_postmaster_start_time() < now() - make_interval(secs => ${SERVER_START_GRACE_SECONDS})
  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity s WHERE s.pid = w.backend_pid AND (s.backend_start IS NULL OR s.backend_start = w.backend_started_at))
)`;

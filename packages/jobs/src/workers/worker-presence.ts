import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaService } from '@jobs/database';
import { beatWorker } from './beat-worker.js';
import { registerWorker, type WorkerIdentity } from './register-worker.js';
import type { Session } from './session.js';
import { stopWorker } from './stop-worker.js';

/** How often a worker beats through its session: well inside DEAD_AFTER_SECONDS. */
const BEAT_MS = 500;

/**
 * This worker process in the `workers` table: registered through a session it holds for as long as
 * it lives (see `register`), beating through it, marked stopped when it stops on purpose. Its id
 * is written on every attempt it claims.
 */
export class WorkerPresence {
  readonly identity: WorkerIdentity = { id: randomUUID(), host: hostname(), pid: process.pid };
  private timer: NodeJS.Timeout | null = null;
  private beating = false;

  constructor(private readonly prisma: PrismaService) {}

  /** Registers on `session`: to run on every (re)connection of the session the worker keeps. */
  register(session: Session): Promise<void> {
    return registerWorker(session, this.identity);
  }

  /** Beats through `session` until stopped; a failed beat is left to the session's own reconnection. */
  start(session: Session): void {
    this.timer = setInterval(() => {
      if (this.beating) return;
      this.beating = true;
      beatWorker(session, this.identity.id)
        .catch(() => undefined)
        .finally(() => (this.beating = false));
    }, BEAT_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await stopWorker(this.prisma, this.identity.id);
  }
}

import type { Session } from './session.js';

/** The worker is alive: its heartbeat, written through its own session (which a dead worker no longer has). */
export async function beatWorker(session: Session, id: string): Promise<void> {
  await session.query(`UPDATE workers SET heartbeat_at = now() WHERE id = $1::uuid`, [id]);
}

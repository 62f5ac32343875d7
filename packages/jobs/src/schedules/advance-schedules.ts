import type { TransactionClient } from '@jobs/database';

/** Where a fired schedule goes next. */
export interface Advance {
  id: string;
  /** Null: the expression never fires again, and the schedule is left disabled. */
  nextFireAt: Date | null;
  firedAt: Date;
}

/** Fired schedules moved to their next firing, in one statement (the firers hold their rows). */
export async function advanceSchedules(tx: TransactionClient, advances: readonly Advance[]): Promise<void> {
  if (advances.length === 0) return;
  const rows = advances.map((advance) => ({ id: advance.id, next_fire_at: advance.nextFireAt, last_fired_at: advance.firedAt }));
  await tx.$executeRaw`
    UPDATE schedules AS s
       SET next_fire_at = a.next_fire_at, last_fired_at = a.last_fired_at, enabled = s.enabled AND a.next_fire_at IS NOT NULL
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS a(id uuid, next_fire_at timestamptz, last_fired_at timestamptz)
     WHERE s.id = a.id`;
}

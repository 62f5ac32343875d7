import type { TransactionClient } from '@jobs/database';
import { SCHEDULE_COLUMNS, type ScheduleRecord } from './schedule-record.js';

/** A due schedule, locked for its firing, with the database's clock when it was read. */
export interface DueSchedule extends ScheduleRecord {
  nextFireAt: Date;
  now: Date;
}

/**
 * Up to `limit` enabled schedules whose next firing is due by the database's clock, earliest first,
 * locked until the transaction ends. Rows another firer holds are skipped, not waited for: every
 * worker may fire, and each schedule is fired by whichever locks it first.
 */
export async function lockDueSchedules(tx: TransactionClient, limit: number): Promise<DueSchedule[]> {
  return tx.$queryRaw<DueSchedule[]>`
    SELECT ${SCHEDULE_COLUMNS}, now() AS now FROM schedules s
     WHERE s.enabled AND s.next_fire_at <= now()
     ORDER BY s.next_fire_at
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
}

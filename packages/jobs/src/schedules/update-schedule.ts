import type { TransactionClient } from '@jobs/database';
import { SCHEDULE_COLUMNS, type ScheduleFields, type ScheduleRecord } from './schedule-record.js';

/** A schedule's fields rewritten (the caller holds its row locked and merged the change). */
export async function updateSchedule(tx: TransactionClient, id: string, fields: ScheduleFields): Promise<ScheduleRecord> {
  const [schedule] = await tx.$queryRaw<ScheduleRecord[]>`
    UPDATE schedules AS s
       SET name = ${fields.name}, cron = ${fields.cron}, timezone = ${fields.timezone}, type = ${fields.type},
           payload = ${JSON.stringify(fields.payload)}::jsonb, priority = ${fields.priority}, metadata = ${JSON.stringify(fields.metadata)}::jsonb,
           max_attempts = ${fields.maxAttempts}::int, timeout_seconds = ${fields.timeoutSeconds}::int, enabled = ${fields.enabled},
           next_fire_at = ${fields.nextFireAt}::timestamptz, updated_at = now()
     WHERE s.id = ${id}::uuid
    RETURNING ${SCHEDULE_COLUMNS}`;
  if (!schedule) throw new Error(`schedule ${id} vanished under its lock`);
  return schedule;
}

import type { TransactionClient } from '@jobs/database';
import { SCHEDULE_COLUMNS, type ScheduleFields, type ScheduleRecord } from './schedule-record.js';

/** A new schedule. */
export async function insertSchedule(db: TransactionClient, owner: { id: string; ownerId: string; orgId: string | null }, fields: ScheduleFields): Promise<ScheduleRecord> {
  const [schedule] = await db.$queryRaw<ScheduleRecord[]>`
    INSERT INTO schedules AS s (id, owner_id, org_id, name, cron, timezone, type, payload, priority, metadata, max_attempts, timeout_seconds, enabled, next_fire_at)
    VALUES (${owner.id}::uuid, ${owner.ownerId}, ${owner.orgId}, ${fields.name}, ${fields.cron}, ${fields.timezone}, ${fields.type},
            ${JSON.stringify(fields.payload)}::jsonb, ${fields.priority}, ${JSON.stringify(fields.metadata)}::jsonb, ${fields.maxAttempts}::int,
            ${fields.timeoutSeconds}::int, ${fields.enabled}, ${fields.nextFireAt}::timestamptz)
    RETURNING ${SCHEDULE_COLUMNS}`;
  if (!schedule) throw new Error('INSERT … RETURNING returned no row');
  return schedule;
}

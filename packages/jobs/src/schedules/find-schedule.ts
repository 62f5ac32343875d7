import type { TransactionClient } from '@jobs/database';
import { type JobScope, scopeSql } from '../viewer.js';
import { SCHEDULE_COLUMNS, type ScheduleRecord } from './schedule-record.js';

/** A schedule in `scope` by id, or null; `lock` holds its row until the transaction ends (a change, against the firers). */
export async function findSchedule(db: TransactionClient, scope: JobScope, id: string, options: { lock?: boolean } = {}): Promise<ScheduleRecord | null> {
  const [schedule] = options.lock
    ? await db.$queryRaw<ScheduleRecord[]>`SELECT ${SCHEDULE_COLUMNS} FROM schedules s WHERE s.id = ${id}::uuid AND ${scopeSql(scope, 's')} FOR UPDATE`
    : await db.$queryRaw<ScheduleRecord[]>`SELECT ${SCHEDULE_COLUMNS} FROM schedules s WHERE s.id = ${id}::uuid AND ${scopeSql(scope, 's')}`;
  return schedule ?? null;
}

import { Prisma } from '@jobs/database';

/** A schedule as stored. */
export interface ScheduleRecord {
  id: string;
  ownerId: string;
  orgId: string | null;
  name: string;
  cron: string;
  timezone: string;
  type: string;
  payload: Record<string, unknown>;
  priority: number;
  metadata: Record<string, string | number | boolean>;
  maxAttempts: number | null;
  timeoutSeconds: number | null;
  enabled: boolean;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A schedule's fields as written: everything but its id, owner and times kept by the database and the firers. */
export type ScheduleFields = Pick<
  ScheduleRecord,
  'name' | 'cron' | 'timezone' | 'type' | 'payload' | 'priority' | 'metadata' | 'maxAttempts' | 'timeoutSeconds' | 'enabled' | 'nextFireAt'
>;

/** The columns of a {@link ScheduleRecord}, named as its fields (`s` is the `schedules` alias of every statement that reads them). */
export const SCHEDULE_COLUMNS = Prisma.sql`
  s.id, s.owner_id AS "ownerId", s.org_id AS "orgId", s.name, s.cron, s.timezone, s.type, s.payload, s.priority, s.metadata,
  s.max_attempts AS "maxAttempts", s.timeout_seconds AS "timeoutSeconds", s.enabled, s.next_fire_at AS "nextFireAt",
  s.last_fired_at AS "lastFiredAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

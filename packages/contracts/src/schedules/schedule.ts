import type { JobStatus } from '../jobs/job-status.js';

/** Bounds of a schedule's fields; the minimum interval between firings is the server's (`SCHEDULE_MIN_INTERVAL_SECONDS`). */
export const SCHEDULE_LIMITS = {
  maxNameLength: 200,
  maxCronLength: 200,
  maxTimezoneLength: 100,
  /** Fire times a schedule shows ahead (`nextFireTimes`). */
  upcomingFireTimes: 5,
  /** Jobs of its latest firings a schedule shows (`lastJobs`). */
  lastJobs: 10,
  defaultMinIntervalSeconds: 60,
} as const;

/** `POST /v1/schedules`: a job made at each time `cron` names in `timezone`. */
export interface CreateScheduleRequest {
  name: string;
  /** Five fields (minute hour day-of-month month day-of-week), or six with seconds first; `@daily` and the like too. */
  cron: string;
  /** An IANA time zone, e.g. `Europe/Berlin`; `UTC` when left out. */
  timezone?: string;
  type: string;
  /** Validated against the type's payload contract, as `POST /v1/jobs` does. */
  payload: Record<string, unknown>;
  priority?: number;
  metadata?: Record<string, string | number | boolean>;
  /** The type's default when left out. */
  maxAttempts?: number;
  timeoutSeconds?: number;
  /** `false` creates it paused. Default true. */
  enabled?: boolean;
}

/**
 * `PATCH /v1/schedules/:id`: the fields to change; the payload is validated again against the (new)
 * type. `maxAttempts` or `timeoutSeconds` null goes back to the type's default.
 */
export interface UpdateScheduleRequest extends Partial<Omit<CreateScheduleRequest, 'maxAttempts' | 'timeoutSeconds'>> {
  maxAttempts?: number | null;
  timeoutSeconds?: number | null;
}

export interface ScheduleLinks {
  self: string;
  /** The jobs its firings made: `GET /v1/jobs?scheduleId=…`. */
  jobs: string;
  pause: string;
  resume: string;
}

/** A job one of the schedule's latest firings made. */
export interface ScheduledJob {
  id: string;
  status: JobStatus;
  /** The planned fire time the job was made for. */
  scheduledFor: string;
  createdAt: string;
  links: { self: string };
}

export interface ScheduleResponse {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  type: string;
  payload: Record<string, unknown>;
  priority: number;
  metadata: Record<string, string | number | boolean>;
  /** Null: the type's default. */
  maxAttempts: number | null;
  timeoutSeconds: number | null;
  enabled: boolean;
  ownerId: string;
  orgId: string | null;
  /** The next planned firing; null while paused. */
  nextFireAt: string | null;
  lastFiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  links: ScheduleLinks;
}

/** One schedule with what it will do and what it did. */
export interface ScheduleDetailResponse extends ScheduleResponse {
  /** The next fire times (none while paused). */
  nextFireTimes: string[];
  /** Jobs of its latest firings, newest first. */
  lastJobs: ScheduledJob[];
}

/** `GET /v1/schedules`. */
export interface ListSchedulesQuery {
  limit?: number;
  cursor?: string;
  /** Job types, comma-separated. */
  type?: readonly string[];
  enabled?: boolean;
  /** Admins only: every owner's schedules. */
  scope?: 'all';
  /** Admins only: one owner's schedules. */
  ownerId?: string;
}

export interface ScheduleListResponse {
  data: ScheduleResponse[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface DeleteScheduleResponse {
  deleted: number;
}

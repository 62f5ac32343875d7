import { randomUUID } from 'node:crypto';
import { type CreateScheduleRequest, type FieldError, SCHEDULE_LIMITS, type UpdateScheduleRequest } from '@jobs/contracts';
import { validatePayload } from '@jobs/dto';
import { PrismaService, type TransactionClient } from '@jobs/database';
import { Inject, Injectable } from '@nestjs/common';
import { JobsError } from '../errors.js';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { assertMayChange, type Viewer, visibleScope } from '../viewer.js';
import { fireTimesAfter, nextFireTime, timingProblems } from './cron-times.js';
import { deleteSchedule } from './delete-schedule.js';
import { findScheduledJobs, type ScheduledJobRecord } from './find-scheduled-jobs.js';
import { findSchedule } from './find-schedule.js';
import { insertSchedule } from './insert-schedule.js';
import { listSchedules, type ScheduleFilters } from './list-schedules.js';
import type { ScheduleFields, ScheduleRecord } from './schedule-record.js';
import { updateSchedule } from './update-schedule.js';

/** The minimum interval between firings when the deployment sets none. */
export const DEFAULT_MIN_INTERVAL_SECONDS = SCHEDULE_LIMITS.defaultMinIntervalSeconds;

/**
 * Recurring schedules as their owners manage them: created, read, changed, paused, resumed and
 * deleted under the jobs' rules of who sees and changes what (`viewer.ts`). Firing is the workers'
 * (`ScheduleFiring`).
 */
@Injectable()
export class Schedules {
  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    private readonly prisma: PrismaService,
  ) {}

  /** A new schedule; its payload is checked against the type's contract as a submission's is. */
  async create(viewer: Viewer, request: CreateScheduleRequest): Promise<ScheduleRecord> {
    const fields = await this.checked({
      name: request.name,
      cron: request.cron,
      timezone: request.timezone ?? 'UTC',
      type: request.type,
      payload: request.payload,
      priority: request.priority ?? 0,
      metadata: request.metadata ?? {},
      maxAttempts: request.maxAttempts ?? null,
      timeoutSeconds: request.timeoutSeconds ?? null,
      enabled: request.enabled ?? true,
      nextFireAt: null,
    });
    return insertSchedule(this.prisma, { id: randomUUID(), ownerId: viewer.sub, orgId: viewer.org }, { ...fields, nextFireAt: this.firstFireAt(fields) });
  }

  /** The schedule, or SCHEDULE_NOT_FOUND when it does not exist or the viewer may not see it. */
  async find(viewer: Viewer, id: string): Promise<ScheduleRecord> {
    const schedule = await findSchedule(this.prisma, visibleScope(viewer), id);
    if (!schedule) throw JobsError.scheduleNotFound(id);
    return schedule;
  }

  /** The schedule, its next fire times (none while paused) and the jobs of its latest firings. */
  async findDetail(viewer: Viewer, id: string): Promise<{ schedule: ScheduleRecord; nextFireTimes: Date[]; lastJobs: ScheduledJobRecord[] }> {
    const schedule = await this.find(viewer, id);
    const nextFireTimes = schedule.enabled && schedule.nextFireAt
      ? [schedule.nextFireAt, ...fireTimesAfter(schedule, schedule.nextFireAt, SCHEDULE_LIMITS.upcomingFireTimes - 1)]
      : [];
    const lastJobs = await findScheduledJobs(this.prisma, id, SCHEDULE_LIMITS.lastJobs);
    return { schedule, nextFireTimes, lastJobs };
  }

  list(filters: ScheduleFilters, page: { take: number; after?: { createdAt: Date; id: string } }): Promise<ScheduleRecord[]> {
    return listSchedules(this.prisma, filters, page);
  }

  /**
   * The fields given changed, checked as at creation. A new expression, zone or a resumption plans
   * the next firing from now; firings missed while paused are not made up.
   */
  async update(viewer: Viewer, id: string, change: UpdateScheduleRequest): Promise<ScheduleRecord> {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.changeable(tx, viewer, id);
      const merged: ScheduleFields = {
        name: change.name ?? current.name,
        cron: change.cron ?? current.cron,
        timezone: change.timezone ?? current.timezone,
        type: change.type ?? current.type,
        payload: change.payload ?? current.payload,
        priority: change.priority ?? current.priority,
        metadata: change.metadata ?? current.metadata,
        maxAttempts: change.maxAttempts === undefined ? current.maxAttempts : change.maxAttempts,
        timeoutSeconds: change.timeoutSeconds === undefined ? current.timeoutSeconds : change.timeoutSeconds,
        enabled: change.enabled ?? current.enabled,
        nextFireAt: current.nextFireAt,
      };
      const fields = await this.checked(merged);
      const replanned = fields.cron !== current.cron || fields.timezone !== current.timezone || fields.enabled !== current.enabled || !current.nextFireAt;
      return updateSchedule(tx, id, { ...fields, nextFireAt: !fields.enabled ? null : replanned ? this.firstFireAt(fields) : current.nextFireAt });
    });
  }

  pause(viewer: Viewer, id: string): Promise<ScheduleRecord> {
    return this.update(viewer, id, { enabled: false });
  }

  resume(viewer: Viewer, id: string): Promise<ScheduleRecord> {
    return this.update(viewer, id, { enabled: true });
  }

  /** Deletes the schedule; the jobs its firings made stay. */
  async delete(viewer: Viewer, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.changeable(tx, viewer, id);
      await deleteSchedule(tx, id);
    });
  }

  /** The schedule locked for a change: SCHEDULE_NOT_FOUND if the viewer cannot see it, FORBIDDEN if they may only look. */
  private async changeable(tx: TransactionClient, viewer: Viewer, id: string): Promise<ScheduleRecord> {
    const schedule = await findSchedule(tx, visibleScope(viewer), id, { lock: true });
    if (!schedule) throw JobsError.scheduleNotFound(id);
    assertMayChange(viewer, schedule);
    return schedule;
  }

  private firstFireAt(fields: ScheduleFields): Date | null {
    return fields.enabled ? nextFireTime(fields, new Date()) : null;
  }

  /** The fields, or the problems a submission of the same job would meet, with the timing's. */
  private async checked(fields: ScheduleFields): Promise<ScheduleFields> {
    const definition = this.options.catalog.find(fields.type);
    if (!definition) throw JobsError.unknownType(fields.type, this.options.catalog.names());
    const problems: FieldError[] = timingProblems(fields, this.options.scheduleMinIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS);
    const validation = await validatePayload(definition, fields.payload, 'payload');
    if (!validation.valid) problems.push(...validation.errors);
    if (problems.length > 0) {
      const detail = problems.some((problem) => problem.field.startsWith('payload')) ? `The payload is not valid for ${fields.type}.` : 'The schedule is not valid; see errors.';
      throw JobsError.validation(problems, detail);
    }
    return { ...fields, type: definition.name };
  }
}

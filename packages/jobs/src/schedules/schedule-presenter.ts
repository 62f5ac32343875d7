import type { ScheduleDetailResponse, ScheduleResponse } from '@jobs/contracts';
import { jobLinks } from '../records/presenters.js';
import type { ScheduledJobRecord } from './find-scheduled-jobs.js';
import type { ScheduleRecord } from './schedule-record.js';

/** Where a schedule's routes are, relative to the API's root. */
export function scheduleLinks(id: string): ScheduleResponse['links'] {
  const self = `/v1/schedules/${id}`;
  return { self, jobs: `/v1/jobs?scheduleId=${id}`, pause: `${self}/pause`, resume: `${self}/resume` };
}

export function toScheduleResponse(schedule: ScheduleRecord): ScheduleResponse {
  return {
    id: schedule.id,
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    type: schedule.type,
    payload: schedule.payload,
    priority: schedule.priority,
    metadata: schedule.metadata,
    maxAttempts: schedule.maxAttempts,
    timeoutSeconds: schedule.timeoutSeconds,
    enabled: schedule.enabled,
    ownerId: schedule.ownerId,
    orgId: schedule.orgId,
    nextFireAt: schedule.nextFireAt?.toISOString() ?? null,
    lastFiredAt: schedule.lastFiredAt?.toISOString() ?? null,
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
    links: scheduleLinks(schedule.id),
  };
}

/** The schedule with its next fire times and the jobs of its latest firings. */
export function toScheduleDetail(schedule: ScheduleRecord, nextFireTimes: readonly Date[], lastJobs: readonly ScheduledJobRecord[]): ScheduleDetailResponse {
  return {
    ...toScheduleResponse(schedule),
    nextFireTimes: nextFireTimes.map((time) => time.toISOString()),
    lastJobs: lastJobs.map((job) => ({
      id: job.id,
      status: job.status,
      scheduledFor: job.scheduledFor.toISOString(),
      createdAt: job.createdAt.toISOString(),
      links: { self: jobLinks(job.id).self },
    })),
  };
}

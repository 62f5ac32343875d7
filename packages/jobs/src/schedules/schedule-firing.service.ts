import { randomUUID } from 'node:crypto';
import { JobStatus } from '@jobs/contracts';
import { PrismaService } from '@jobs/database';
import { activeTraceParent, markFailed, type Span, startSpan, withSpanActive } from '@jobs/tracing';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JOBS_OPTIONS, type JobsOptions } from '../jobs-options.js';
import { CreationAnnouncer } from '../notifications/creation-announcer.js';
import { JobQueue } from '../queue/job-queue.js';
import { queueEntryFor, queueNameFor } from '../queue/queue-entry.js';
import { insertJobsUnlessFired, type NewJobRow } from '../submission/insert-jobs.js';
import { searchTextFor } from '../submission/search-text.js';
import { type Advance, advanceSchedules } from './advance-schedules.js';
import { countSchedules } from './count-schedules.js';
import { firingOf } from './cron-times.js';
import { type DueSchedule, lockDueSchedules } from './lock-due-schedules.js';
import { DEFAULT_MIN_INTERVAL_SECONDS } from './schedules.service.js';

/** Schedules fired per transaction; more due ones wait for the next pass (which follows at once). */
export const FIRING_BATCH_SIZE = 100;

/** One firing: the job it made (null when the firing had its job already, or its type is gone), planned and actual times. */
export interface ScheduleFiringRecord {
  scheduleId: string;
  type: string;
  jobId: string | null;
  /** Its type is not in this worker's catalog: no job was made. */
  skipped: boolean;
  plannedAt: Date;
  firedAt: Date;
}

/**
 * Fires due schedules. Every worker may call it at any time: in one transaction it locks up to a
 * batch of due schedules (rows other firers hold are skipped), inserts each firing's job row and queue
 * entry through the submissions' insert path, and moves each schedule to its next firing. A job row
 * names its schedule and planned time, unique together in the database, so a firing whose job
 * exists (a firer that lost its lock, a clock set back) inserts nothing; a firer that dies before
 * its commit leaves nothing behind, and the schedule is still due for the next firer.
 */
@Injectable()
export class ScheduleFiring {
  private readonly logger = new Logger('ScheduleFiring');

  constructor(
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly creations: CreationAnnouncer,
  ) {}

  /** Fires what is due now (up to a batch); the firings, for metrics. */
  async fireDue(): Promise<ScheduleFiringRecord[]> {
    const minInterval = this.options.scheduleMinIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS;
    // A trace per firing, which its job's attempts continue (as a submission's do).
    const spans = new Map<string, Span>();
    try {
      return await this.fireDueInSpans(minInterval, spans);
    } catch (error) {
      for (const span of spans.values()) markFailed(span, error);
      throw error;
    } finally {
      for (const span of spans.values()) span.end();
    }
  }

  private async fireDueInSpans(minInterval: number, spans: Map<string, Span>): Promise<ScheduleFiringRecord[]> {
    const { firings, rows } = await this.prisma.$transaction(async (tx) => {
      const due = await lockDueSchedules(tx, FIRING_BATCH_SIZE);
      const planned = due.map((schedule) => ({ schedule, firing: firingOf(schedule, schedule.nextFireAt, schedule.now, minInterval) }));
      const rows: NewJobRow[] = [];
      for (const { schedule, firing } of planned) {
        const span = startSpan('schedule.fire', {
          parent: null,
          attributes: { 'schedule.id': schedule.id, 'job.type': schedule.type, 'schedule.planned_at': firing.plannedAt.toISOString() },
        });
        spans.set(schedule.id, span);
        const row = this.jobRowFor(schedule, firing.plannedAt, withSpanActive(span, activeTraceParent));
        if (row) rows.push(row);
      }
      const inserted = new Set(rows.length > 0 ? await insertJobsUnlessFired(tx, rows) : []);
      const insertedRows = rows.filter((row) => inserted.has(row.id));
      for (const [type, group] of Map.groupBy(insertedRows, (row) => row.type)) {
        const definition = this.options.catalog.find(type);
        if (definition) await tx.$executeRaw(await this.queue.insertSql(queueNameFor(type), group.map((row) => queueEntryFor(row, definition))));
      }
      const advances: Advance[] = planned.map(({ schedule, firing }) => ({ id: schedule.id, nextFireAt: firing.nextFireAt, firedAt: schedule.now }));
      await advanceSchedules(tx, advances);
      const jobByFiring = new Map(insertedRows.map((row) => [row.scheduleId, row.id]));
      const firings = planned.map(({ schedule, firing }) => ({
        scheduleId: schedule.id,
        type: schedule.type,
        jobId: jobByFiring.get(schedule.id) ?? null,
        skipped: !this.options.catalog.find(schedule.type),
        plannedAt: firing.plannedAt,
        firedAt: schedule.now,
      }));
      return { firings, rows: insertedRows };
    });
    for (const firing of firings) if (firing.jobId) spans.get(firing.scheduleId)?.setAttribute('job.id', firing.jobId);
    if (rows.length > 0) {
      const createdAt = Date.now();
      this.creations.announce(rows.map((row) => ({ id: row.id, type: row.type, status: JobStatus.PENDING, ownerId: row.ownerId, orgId: row.orgId, createdAt })));
      this.queue.announce(rows.map((row) => queueNameFor(row.type)));
    }
    return firings;
  }

  /** Schedules by whether they are enabled. */
  count(): Promise<{ enabled: number; disabled: number }> {
    return countSchedules(this.prisma);
  }

  /** The job a firing makes, as a submission of the schedule's request would; null when its type is no longer in the catalog. */
  private jobRowFor(schedule: DueSchedule, plannedAt: Date, traceParent: string | null): NewJobRow | null {
    const definition = this.options.catalog.find(schedule.type);
    if (!definition) {
      this.logger.warn(`schedule ${schedule.id} fires jobs of type ${schedule.type}, which this worker does not know; firing at ${plannedAt.toISOString()} skipped`);
      return null;
    }
    const id = randomUUID();
    return {
      id,
      ownerId: schedule.ownerId,
      orgId: schedule.orgId,
      type: definition.name,
      priority: schedule.priority,
      payload: schedule.payload,
      metadata: schedule.metadata,
      maxAttempts: schedule.maxAttempts ?? definition.defaults.maxAttempts,
      timeoutSeconds: schedule.timeoutSeconds ?? definition.defaults.timeoutSeconds,
      runAt: schedule.now,
      queueJobId: id,
      searchText: searchTextFor(definition.name, schedule.metadata),
      webhookUrl: null,
      webhookSecret: null,
      idempotencyKey: null,
      requestHash: null,
      scheduleId: schedule.id,
      scheduledFor: plannedAt,
      traceParent,
    };
  }
}

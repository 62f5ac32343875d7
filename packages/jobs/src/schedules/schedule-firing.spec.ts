import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BENCH_NOOP } from '@jobs/dto';
import { QUEUE_SCHEMA } from '../queue/job-queue.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import type { ScheduleRecord } from './schedule-record.js';

describe('ScheduleFiring', () => {
  let domain: JobDomain;
  const owner = newViewer('org-firing');

  beforeAll(async () => {
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  function everyMinute(name: string): Promise<ScheduleRecord> {
    return domain.schedules.create(owner, { name, cron: '* * * * *', type: BENCH_NOOP.name, payload: {}, metadata: { source: name } });
  }

  /** As if every worker had been down since `minutesAgo`: the schedule's next firing is that long past. */
  async function dueSince(scheduleId: string, minutesAgo: number): Promise<Date> {
    const [row] = await domain.prisma.$queryRaw<{ dueAt: Date }[]>`
      UPDATE schedules SET next_fire_at = date_trunc('minute', now()) - make_interval(mins => ${minutesAgo}) WHERE id = ${scheduleId}::uuid
      RETURNING next_fire_at AS "dueAt"`;
    return row?.dueAt as Date;
  }

  async function jobsOf(scheduleId: string): Promise<{ id: string; scheduledFor: Date; ownerId: string; orgId: string | null; status: string; entries: number }[]> {
    return domain.prisma.$queryRawUnsafe(
      `SELECT j.id, j.scheduled_for AS "scheduledFor", j.owner_id AS "ownerId", j.org_id AS "orgId", j.status::text AS status,
              (SELECT count(*)::int FROM ${QUEUE_SCHEMA}.job e WHERE e.data->>'jobId' = j.id::text) AS entries
         FROM jobs j WHERE j.schedule_id = $1::uuid ORDER BY j.scheduled_for`,
      scheduleId,
    );
  }

  async function nextFireAt(scheduleId: string): Promise<Date | null> {
    const [row] = await domain.prisma.$queryRaw<{ nextFireAt: Date | null }[]>`SELECT next_fire_at AS "nextFireAt" FROM schedules WHERE id = ${scheduleId}::uuid`;
    return row?.nextFireAt ?? null;
  }

  it('fires a due schedule into an ordinary pending job with its queue entry, linked to the schedule and planned time', async () => {
    const schedule = await everyMinute('plain');
    const dueAt = await dueSince(schedule.id, 0);
    const firer = await domain.openFirer();
    try {
      const firings = await firer.firing.fireDue();
      expect(firings).toContainEqual(expect.objectContaining({ scheduleId: schedule.id, plannedAt: dueAt, jobId: expect.any(String) }));
    } finally {
      await firer.close();
    }
    const jobs = await jobsOf(schedule.id);
    expect(jobs).toEqual([{ id: expect.any(String), scheduledFor: dueAt, ownerId: owner.sub, orgId: owner.org, status: 'PENDING', entries: 1 }]);
    const job = await domain.reads.findVisible(owner, jobs[0]?.id ?? '');
    expect(job).toMatchObject({ scheduleId: schedule.id, scheduledFor: dueAt, metadata: { source: 'plain' }, type: BENCH_NOOP.name });
    expect((await nextFireAt(schedule.id))?.getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it('makes one job per firing when two workers fire the same due schedules at once, again and again', async () => {
    // Yearly, due since this New Year: every round below plans that same firing.
    const schedules = await Promise.all(
      Array.from({ length: 5 }, (_, index) => domain.schedules.create(owner, { name: `race-${index}`, cron: '0 0 1 1 *', type: BENCH_NOOP.name, payload: {} })),
    );
    const firers = await Promise.all([domain.openFirer(), domain.openFirer()]);
    try {
      for (let round = 0; round < 5; round++) {
        const ids = schedules.map((schedule) => schedule.id);
        await domain.prisma.$executeRaw`UPDATE schedules SET next_fire_at = date_trunc('year', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' WHERE id = ANY(${ids}::uuid[])`;
        await Promise.all(firers.flatMap((firer) => [firer.firing.fireDue(), firer.firing.fireDue()]));
      }
    } finally {
      await Promise.all(firers.map((firer) => firer.close()));
    }
    for (const schedule of schedules) {
      const jobs = await jobsOf(schedule.id);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.entries).toBe(1);
    }
  });

  it('runs a firing missed while everything was down once, at its latest planned time, then plans the next one after now', async () => {
    const schedule = await everyMinute('missed');
    await dueSince(schedule.id, 90);
    const firer = await domain.openFirer();
    try {
      const [firing] = (await firer.firing.fireDue()).filter((candidate) => candidate.scheduleId === schedule.id);
      expect(firing?.plannedAt.getTime()).toBeGreaterThan(Date.now() - 2 * 60_000);
      expect(await firer.firing.fireDue()).not.toContainEqual(expect.objectContaining({ scheduleId: schedule.id }));
    } finally {
      await firer.close();
    }
    expect(await jobsOf(schedule.id)).toHaveLength(1);
    expect((await nextFireAt(schedule.id))?.getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it('inserts nothing for a firing that has its job already (the unique rule), and still moves the schedule on', async () => {
    const schedule = await everyMinute('refired');
    const dueAt = await dueSince(schedule.id, 0);
    const firer = await domain.openFirer();
    try {
      await firer.firing.fireDue();
      // As if a firer had planned the same firing again: next_fire_at set back to it.
      await domain.prisma.$executeRaw`UPDATE schedules SET next_fire_at = ${dueAt} WHERE id = ${schedule.id}::uuid`;
      const again = (await firer.firing.fireDue()).find((firing) => firing.scheduleId === schedule.id);
      expect(again).toMatchObject({ jobId: null });
    } finally {
      await firer.close();
    }
    expect(await jobsOf(schedule.id)).toEqual([expect.objectContaining({ scheduledFor: dueAt, entries: 1 })]);
    expect((await nextFireAt(schedule.id))?.getTime()).toBeGreaterThan(dueAt.getTime());
    await expect(
      domain.prisma.$executeRaw`INSERT INTO jobs (id, owner_id, type, payload, max_attempts, timeout_seconds, queue_name, queue_job_id, schedule_id, scheduled_for)
        VALUES (gen_random_uuid(), 'x', 'bench.noop', '{}', 1, 1, 'bench.noop', gen_random_uuid(), ${schedule.id}::uuid, ${dueAt})`,
    ).rejects.toThrow(/unique/i);
  });

  it('loses and doubles nothing when a firer dies before its commit: the next firer makes the one job', async () => {
    const schedule = await everyMinute('crash');
    const dueAt = await dueSince(schedule.id, 0);
    // The dying firer stops inside its transaction, after inserting the job row, until its connection is killed.
    await domain.prisma.$executeRawUnsafe(`
      CREATE FUNCTION stall_fired_job() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.metadata->>'source' = 'crash' THEN PERFORM pg_sleep(60); END IF; RETURN NULL; END $$`);
    await domain.prisma.$executeRawUnsafe(`CREATE TRIGGER stall_fired_job AFTER INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION stall_fired_job()`);
    const dying = await domain.openFirer();
    const survivor = await domain.openFirer();
    try {
      const dyingFiring = dying.firing.fireDue();
      dyingFiring.catch(() => undefined);
      let killed = 0;
      for (let tries = 0; killed === 0 && tries < 300; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const [row] = await domain.prisma.$queryRaw<{ killed: number }[]>`
          SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`;
        killed = row?.killed ?? 0;
      }
      expect(killed).toBe(1);
      await expect(dyingFiring).rejects.toThrow();
      expect(await jobsOf(schedule.id)).toEqual([]);
      expect(await nextFireAt(schedule.id)).toEqual(dueAt);
      await domain.prisma.$executeRawUnsafe('DROP TRIGGER stall_fired_job ON jobs');
      await survivor.firing.fireDue();
    } finally {
      await domain.prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS stall_fired_job ON jobs');
      await Promise.all([dying.close(), survivor.close()]);
    }
    expect(await jobsOf(schedule.id)).toEqual([expect.objectContaining({ scheduledFor: dueAt, entries: 1 })]);
    const [orphans] = await domain.prisma.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${QUEUE_SCHEMA}.job e WHERE e.name = $1 AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id::text = e.data->>'jobId')`,
      BENCH_NOOP.name,
    );
    expect(orphans?.count).toBe(0);
  });

  it('fires nothing of a paused schedule, and a resumed one from its next time after now', async () => {
    const schedule = await everyMinute('paused');
    await domain.schedules.pause(owner, schedule.id);
    await domain.prisma.$executeRaw`UPDATE schedules SET next_fire_at = now() - interval '5 minutes' WHERE id = ${schedule.id}::uuid`;
    const firer = await domain.openFirer();
    try {
      expect(await firer.firing.fireDue()).not.toContainEqual(expect.objectContaining({ scheduleId: schedule.id }));
      const resumed = await domain.schedules.resume(owner, schedule.id);
      expect(resumed.nextFireAt?.getTime()).toBeGreaterThan(Date.now() - 1000);
    } finally {
      await firer.close();
    }
    expect(await jobsOf(schedule.id)).toEqual([]);
  });

  it('counts schedules by whether they are enabled', async () => {
    const firer = await domain.openFirer();
    try {
      const counts = await firer.firing.count();
      expect(counts.disabled).toBeGreaterThanOrEqual(0);
      const [row] = await domain.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM schedules`;
      expect(counts.enabled + counts.disabled).toBe(row?.total);
    } finally {
      await firer.close();
    }
  });
});

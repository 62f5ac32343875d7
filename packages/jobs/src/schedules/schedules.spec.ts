import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jobs/contracts';
import { TEXT_INDICATORS } from '@jobs/dto';
import { JobsError } from '../errors.js';
import { ADMIN, type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';

describe('Schedules', () => {
  let domain: JobDomain;

  beforeAll(async () => {
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  const nightly = { name: 'nightly', cron: '30 2 * * *', timezone: 'Europe/Berlin', type: TEXT_INDICATORS.name, payload: { text: 'x' } };

  async function refusal(work: Promise<unknown>): Promise<JobsError> {
    const error = await work.then(
      () => null,
      (caught: unknown) => caught,
    );
    if (!(error instanceof JobsError)) throw new Error(`expected a JobsError, got ${String(error)}`);
    return error;
  }

  it('stores a schedule planned for its next fire time in its zone, owned by its creator and organisation', async () => {
    const owner = newViewer('org-a');
    const schedule = await domain.schedules.create(owner, nightly);
    expect(schedule).toMatchObject({ ownerId: owner.sub, orgId: 'org-a', enabled: true, maxAttempts: null, lastFiredAt: null });
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(schedule.nextFireAt ?? undefined);
    expect(local).toMatch(/^0[23]:30$/);
    const { nextFireTimes, lastJobs } = await domain.schedules.findDetail(owner, schedule.id);
    expect(nextFireTimes).toHaveLength(5);
    expect(nextFireTimes[0]).toEqual(schedule.nextFireAt);
    expect(lastJobs).toEqual([]);
  });

  it('refuses what a submission would refuse, and a bad timing, naming the fields, storing nothing', async () => {
    const owner = newViewer();
    const unknown = await refusal(domain.schedules.create(owner, { ...nightly, type: 'no.such' }));
    expect(unknown).toMatchObject({ code: ErrorCode.UNKNOWN_JOB_TYPE });
    const invalid = await refusal(domain.schedules.create(owner, { ...nightly, cron: '* * * * * *', timezone: 'Nowhere/Else', payload: { text: 7 } }));
    expect(invalid.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(invalid.extras.errors?.map((error) => error.field)).toEqual(['timezone', 'payload.text']);
    expect((await refusal(domain.schedules.create(owner, { ...nightly, cron: '*/10 * * * * *' }))).extras.errors?.map((error) => error.field)).toEqual(['cron']);
    expect(await domain.schedules.list({ scope: { kind: 'member', sub: owner.sub, org: null } }, { take: 10 })).toEqual([]);
  });

  it('hides a schedule from other owners (not found) and lets an organisation member look but not change it', async () => {
    const owner = newViewer('org-b');
    const schedule = await domain.schedules.create(owner, nightly);
    const stranger = newViewer();
    expect(await refusal(domain.schedules.find(stranger, schedule.id))).toMatchObject({ code: ErrorCode.SCHEDULE_NOT_FOUND });
    expect(await refusal(domain.schedules.delete(stranger, schedule.id))).toMatchObject({ code: ErrorCode.SCHEDULE_NOT_FOUND });
    const member = newViewer('org-b');
    expect((await domain.schedules.find(member, schedule.id)).id).toBe(schedule.id);
    expect(await refusal(domain.schedules.pause(member, schedule.id))).toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect((await domain.schedules.pause(ADMIN, schedule.id)).enabled).toBe(false);
  });

  it('replans on a new expression or zone, keeps the plan on other changes, and changes nothing when refused', async () => {
    const owner = newViewer();
    const schedule = await domain.schedules.create(owner, nightly);
    const renamed = await domain.schedules.update(owner, schedule.id, { name: 'renamed', maxAttempts: 2 });
    expect(renamed).toMatchObject({ name: 'renamed', maxAttempts: 2, nextFireAt: schedule.nextFireAt });
    expect((await domain.schedules.update(owner, schedule.id, { maxAttempts: null })).maxAttempts).toBeNull();
    const refused = await refusal(domain.schedules.update(owner, schedule.id, { cron: '0 9 * * *', payload: { text: 1 } }));
    expect(refused.extras.errors?.map((error) => error.field)).toEqual(['payload.text']);
    expect(await domain.schedules.find(owner, schedule.id)).toMatchObject({ cron: nightly.cron, nextFireAt: schedule.nextFireAt });
    const replanned = await domain.schedules.update(owner, schedule.id, { cron: '0 9 * * *', timezone: 'UTC' });
    expect(replanned.nextFireAt?.getUTCHours()).toBe(9);
    expect(await domain.schedules.update(owner, schedule.id, { enabled: false })).toMatchObject({ enabled: false, nextFireAt: null });
  });

  it('pages newest first within the scope', async () => {
    const owner = newViewer();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await domain.schedules.create(owner, { ...nightly, name: `n${index}` })).id);
    const scope = { kind: 'member' as const, sub: owner.sub, org: null };
    const first = await domain.schedules.list({ scope }, { take: 2 });
    const last = first.at(-1);
    const rest = await domain.schedules.list({ scope }, { take: 2, ...(last ? { after: { createdAt: last.createdAt, id: last.id } } : {}) });
    expect([...first, ...rest].map((schedule) => schedule.id)).toEqual([...ids].reverse());
    expect(await domain.schedules.list({ scope, enabled: false }, { take: 10 })).toEqual([]);
  });
});

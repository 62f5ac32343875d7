import { describe, expect, it } from '@jest/globals';
import { fireTimesAfter, firingOf, timingProblems } from './cron-times.js';

const iso = (dates: readonly (Date | null)[]) => dates.map((date) => date?.toISOString() ?? null);

describe('fire times in a time zone', () => {
  it('fires a 02:30 daily job once on the spring-forward day, after the gap (Europe/Berlin, 29 March 2026)', () => {
    const times = fireTimesAfter({ cron: '30 2 * * *', timezone: 'Europe/Berlin' }, new Date('2026-03-27T12:00:00Z'), 4);
    // 02:30 CET, 03:30 CEST (02:30 does not exist that night), then 02:30 CEST.
    expect(iso(times)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
  });

  it('fires a 02:30 daily job once on the fall-back day, though 02:30 happens twice (Europe/Berlin, 25 October 2026)', () => {
    const times = fireTimesAfter({ cron: '30 2 * * *', timezone: 'Europe/Berlin' }, new Date('2026-10-23T12:00:00Z'), 4);
    expect(iso(times)).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
    expect(times.filter((time) => time.toISOString().startsWith('2026-10-25'))).toHaveLength(1);
  });

  it('fires a 02:30 daily job once on each DST day in America/New_York', () => {
    const spring = fireTimesAfter({ cron: '30 2 * * *', timezone: 'America/New_York' }, new Date('2026-03-07T12:00:00Z'), 2);
    expect(iso(spring)).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    const fall = fireTimesAfter({ cron: '30 2 * * *', timezone: 'America/New_York' }, new Date('2026-10-31T12:00:00Z'), 2);
    expect(iso(fall)).toEqual(['2026-11-01T07:30:00.000Z', '2026-11-02T07:30:00.000Z']);
  });

  it('keeps elapsed intervals through a fall-back for expressions on every hour', () => {
    const times = fireTimesAfter({ cron: '*/30 * * * *', timezone: 'Europe/Berlin' }, new Date('2026-10-25T00:10:00Z'), 4);
    expect(iso(times)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:00:00.000Z']);
  });
});

describe('a firing', () => {
  const everyFiveMinutes = { cron: '*/5 * * * *', timezone: 'UTC' };

  it('fires the planned time and moves to the next one', () => {
    const firing = firingOf(everyFiveMinutes, new Date('2026-01-01T00:10:00Z'), new Date('2026-01-01T00:10:00.400Z'), 60);
    expect(iso([firing.plannedAt, firing.nextFireAt])).toEqual(['2026-01-01T00:10:00.000Z', '2026-01-01T00:15:00.000Z']);
  });

  it('fires a whole day of missed firings once: the latest, then the first after now', () => {
    const firing = firingOf(everyFiveMinutes, new Date('2026-01-01T00:10:00Z'), new Date('2026-01-02T00:07:30Z'), 60);
    expect(iso([firing.plannedAt, firing.nextFireAt])).toEqual(['2026-01-02T00:05:00.000Z', '2026-01-02T00:10:00.000Z']);
  });

  it('waits at least the minimum interval after the planned time', () => {
    const firing = firingOf({ cron: '* * * * * *', timezone: 'UTC' }, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), 60);
    expect(iso([firing.plannedAt, firing.nextFireAt])).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z']);
  });
});

describe('timing problems', () => {
  it('accepts a valid expression and zone', () => {
    expect(timingProblems({ cron: '30 2 * * *', timezone: 'Europe/Berlin' }, 60)).toEqual([]);
    expect(timingProblems({ cron: '@hourly', timezone: 'UTC' }, 60)).toEqual([]);
  });

  it('names the cron field for an expression that does not parse or never fires', () => {
    expect(timingProblems({ cron: '61 * * * *', timezone: 'UTC' }, 60)).toEqual([{ field: 'cron', message: expect.stringContaining('not a valid cron expression') }]);
    expect(timingProblems({ cron: 'every day', timezone: 'UTC' }, 60)[0]?.field).toBe('cron');
    expect(timingProblems({ cron: '0 0 30 2 *', timezone: 'UTC' }, 60)[0]?.field).toBe('cron');
  });

  it('names the timezone field for an unknown zone', () => {
    expect(timingProblems({ cron: '* * * * *', timezone: 'Mars/Olympus_Mons' }, 60)).toEqual([{ field: 'timezone', message: expect.stringContaining('IANA time zone') }]);
  });

  it('refuses firings closer than the minimum interval, anywhere in the expression', () => {
    expect(timingProblems({ cron: '*/30 * * * * *', timezone: 'UTC' }, 60)).toEqual([{ field: 'cron', message: expect.stringContaining('30 s apart') }]);
    expect(timingProblems({ cron: '0,59 0,23 * * *', timezone: 'UTC' }, 120)[0]?.field).toBe('cron');
    expect(timingProblems({ cron: '* * * * *', timezone: 'UTC' }, 60)).toEqual([]);
  });
});

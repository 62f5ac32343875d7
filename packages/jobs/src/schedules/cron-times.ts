import type { FieldError } from '@jobs/contracts';
import { CronExpressionParser } from 'cron-parser';

/** When a schedule fires: its expression in its time zone. */
export interface Timing {
  cron: string;
  timezone: string;
}

const SECONDS_PER_DAY = 86_400;

function expression(timing: Timing, from: Date) {
  return CronExpressionParser.parse(timing.cron, { currentDate: from, tz: timing.timezone, strict: false });
}

function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The shortest time between two firings, in seconds, from the time-of-day fields (seconds, minutes,
 * hours): consecutive times of a day, and the last of one day to the first of the next. Computed
 * from the fields rather than by walking fire times, which cost about a millisecond each in a zone.
 */
function shortestIntervalSeconds(fields: { second: number[]; minute: number[]; hour: number[] }): number {
  const times = fields.hour.flatMap((hour) => fields.minute.flatMap((minute) => fields.second.map((second) => hour * 3600 + minute * 60 + second))).sort((a, b) => a - b);
  let shortest = SECONDS_PER_DAY - (times.at(-1) ?? 0) + (times[0] ?? 0);
  for (let index = 1; index < times.length; index++) shortest = Math.min(shortest, (times[index] as number) - (times[index - 1] as number));
  return shortest;
}

/**
 * What is wrong with a timing, field by field: an unknown time zone, an expression cron-parser
 * refuses or that never fires, or firings closer together than `minIntervalSeconds`. None: it can be stored.
 */
export function timingProblems(timing: Timing, minIntervalSeconds: number, now = new Date()): FieldError[] {
  if (!isTimeZone(timing.timezone)) return [{ field: 'timezone', message: `timezone must be an IANA time zone such as Europe/Berlin or UTC; "${timing.timezone}" is not one` }];
  let shortest: number;
  try {
    const parsed = expression(timing, now);
    if (!parsed.hasNext()) return [{ field: 'cron', message: 'cron never fires' }];
    const numbers = (values: readonly (number | string)[]) => values.filter((value): value is number => typeof value === 'number');
    shortest = shortestIntervalSeconds({ second: numbers(parsed.fields.second.values), minute: numbers(parsed.fields.minute.values), hour: numbers(parsed.fields.hour.values) });
  } catch (error) {
    return [{ field: 'cron', message: `cron is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}` }];
  }
  if (shortest < minIntervalSeconds) return [{ field: 'cron', message: `cron fires ${shortest} s apart; schedules may fire at most every ${minIntervalSeconds} s` }];
  return [];
}

/**
 * The next `count` fire times strictly after `after`, as cron-parser computes them in the zone: a
 * wall-clock time skipped by a spring-forward fires at the same offset after the gap (02:30 → 03:30),
 * one repeated by a fall-back fires at its first occurrence only, so a daily job fires once either day.
 */
export function fireTimesAfter(timing: Timing, after: Date, count: number): Date[] {
  const iterator = expression(timing, after);
  const times: Date[] = [];
  while (times.length < count && iterator.hasNext()) times.push(iterator.next().toDate());
  return times;
}

/** The first fire time strictly after `after`, or null if the expression never fires again. */
export function nextFireTime(timing: Timing, after: Date): Date | null {
  return fireTimesAfter(timing, after, 1)[0] ?? null;
}

/** The latest fire time at or before `at`, or null. */
function latestFireTime(timing: Timing, at: Date): Date | null {
  const iterator = expression(timing, new Date(at.getTime() + 1));
  return iterator.hasPrev() ? iterator.prev().toDate() : null;
}

/** A firing of a due schedule: the one planned time it makes a job for, and when it fires next. */
export interface Firing {
  plannedAt: Date;
  nextFireAt: Date | null;
}

/**
 * The firing of a schedule due at `dueAt` (its `next_fire_at`), fired at `now`. Firings missed while
 * no worker ran are not made up one by one: the latest missed time is fired once, and the schedule
 * moves on to its first time after now. The next time is also at least `minIntervalSeconds` after
 * the planned one, whatever the expression says (a schedule stored under a smaller minimum).
 */
export function firingOf(timing: Timing, dueAt: Date, now: Date, minIntervalSeconds: number): Firing {
  const latest = latestFireTime(timing, now);
  const plannedAt = latest && latest.getTime() > dueAt.getTime() ? latest : dueAt;
  const earliestNext = new Date(Math.max(now.getTime(), plannedAt.getTime() + minIntervalSeconds * 1000 - 1));
  return { plannedAt, nextFireAt: nextFireTime(timing, earliestNext) };
}

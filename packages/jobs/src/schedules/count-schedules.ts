import type { TransactionClient } from '@jobs/database';

/** Schedules by whether they are enabled, for the `schedules` gauge. */
export async function countSchedules(db: TransactionClient): Promise<{ enabled: number; disabled: number }> {
  const [counts] = await db.$queryRaw<{ enabled: number; disabled: number }[]>`
    SELECT count(*) FILTER (WHERE enabled)::int AS enabled, count(*) FILTER (WHERE NOT enabled)::int AS disabled FROM schedules`;
  return counts ?? { enabled: 0, disabled: 0 };
}

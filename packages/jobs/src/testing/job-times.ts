import type { PrismaService } from '@jobs/database';

export interface JobTimes {
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Moves a job made by the domain to chosen instants, so reads by time can be checked against known buckets. */
export async function placeJobInTime(prisma: PrismaService, id: string, times: JobTimes): Promise<void> {
  await prisma.$executeRaw`
    UPDATE jobs SET created_at = ${times.createdAt}, run_at = ${times.createdAt}, started_at = ${times.startedAt}, finished_at = ${times.finishedAt}
     WHERE id = ${id}::uuid`;
}

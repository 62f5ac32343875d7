import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotificationListener, Prisma, PrismaService } from '@jobs/database';
import type { ScratchDatabase } from '@jobs/dev-postgres';
import { DOMAIN_SIMILAR, JobCatalog, SAMPLE_ANALYZE, TEXT_INDICATORS } from '@jobs/dto';
import { createMigratedDatabase } from '@jobs/testing';
import { CHANNELS } from '../notifications/channels.js';
import { JobQueue } from './job-queue.js';
import { queueEntryFor } from './queue-entry.js';

describe('JobQueue', () => {
  let database: ScratchDatabase;
  let prisma: PrismaService;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    prisma = new PrismaService({ url: database.url, poolSize: 3 });
    queue = new JobQueue({ url: database.url, role: 'api', poolSize: 3, catalog: JobCatalog.create({ diagnostics: false }), webhookAllowedHosts: [] });
    await queue.onModuleInit();
  });

  afterAll(async () => {
    await queue?.beforeApplicationShutdown();
    await prisma?.$disconnect();
    await database?.drop();
  });

  const entry = (id: string) =>
    queueEntryFor({ id, type: TEXT_INDICATORS.name, ownerId: 'user-1', orgId: null, queueJobId: id, priority: 0, runAt: new Date(), maxAttempts: 1, timeoutSeconds: 5 }, TEXT_INDICATORS);

  async function queued(id: string): Promise<number> {
    const rows = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pgboss.job WHERE id = ${id}::uuid`;
    return rows[0]?.count ?? -1;
  }

  it('gives its insert statement for embedding: the entries commit with the rest of the statement', async () => {
    const ids = [randomUUID(), randomUUID()];
    const insert = await queue.insertSql(TEXT_INDICATORS.name, ids.map(entry));
    const [row] = await prisma.$queryRaw<{ marker: number }[]>`WITH entries AS (${insert}) SELECT 7 AS marker`;
    expect(row?.marker).toBe(7);
    for (const id of ids) expect(await queued(id)).toBe(1);
  });

  it('leaves no queue entry when the statement embedding its insert fails', async () => {
    const id = randomUUID();
    const insert = await queue.insertSql(TEXT_INDICATORS.name, [entry(id)]);
    await expect(prisma.$executeRaw`WITH entries AS (${insert}) SELECT 1 / ${Prisma.raw('0')}`).rejects.toThrow(/division by zero/);
    expect(await queued(id)).toBe(0);
  });

  it('fetches entries with the attempt that fences later calls, and refreshes only what it still holds', async () => {
    // A queue of its own: the other tests leave entries in text.indicators.
    const ids = [randomUUID(), randomUUID()];
    const entries = ids.map((id) => queueEntryFor({ id, type: DOMAIN_SIMILAR.name, ownerId: 'user-1', orgId: null, queueJobId: id, priority: 0, runAt: new Date(), maxAttempts: 2, timeoutSeconds: 5 }, DOMAIN_SIMILAR));
    await prisma.$executeRaw(await queue.insertSql(DOMAIN_SIMILAR.name, entries));
    const fetched = await queue.fetch(DOMAIN_SIMILAR.name, 10);
    expect(fetched.map((item) => [item.id, item.retryCount, item.message.jobId]).sort()).toEqual([...ids].sort().map((id) => [id, 0, id]));
    expect(await queue.touch(DOMAIN_SIMILAR.name, fetched)).toEqual(new Set(ids));
    const stale = fetched.map((item) => ({ ...item, retryCount: item.retryCount + 1 }));
    expect(await queue.touch(DOMAIN_SIMILAR.name, stale)).toEqual(new Set());
  });

  it('with a tenant limit, fetches only for tenants under it and entries queued without a tenant', async () => {
    // A queue of its own; each insert is a statement of its own, so A's entries are the oldest, then B's, then the one without a tenant.
    const insert = async (ownerId: string, count: number, definition = SAMPLE_ANALYZE): Promise<string[]> => {
      const ids = Array.from({ length: count }, () => randomUUID());
      const entries = ids.map((id) => queueEntryFor({ id, type: SAMPLE_ANALYZE.name, ownerId, orgId: null, queueJobId: id, priority: 0, runAt: new Date(), maxAttempts: 1, timeoutSeconds: 5 }, definition));
      await prisma.$executeRaw(await queue.insertSql(SAMPLE_ANALYZE.name, entries));
      return ids;
    };
    const a = await insert('tenant-a', 6);
    const b = await insert('tenant-b', 2);
    const untracked = await insert('tenant-c', 1, { ...SAMPLE_ANALYZE, fairness: null });
    const whose = (entries: { id: string }[]) => entries.map((entry) => (a.includes(entry.id) ? 'a' : b.includes(entry.id) ? 'b' : untracked.includes(entry.id) ? 'none' : '?')).sort();
    // pg-boss ranks A's oldest three first and keeps the two A may run: short, although more is runnable.
    expect(whose(await queue.fetch(SAMPLE_ANALYZE.name, 3, 2))).toEqual(['a', 'a']);
    // A is at its limit: B and the entry without a tenant come first.
    expect(whose(await queue.fetch(SAMPLE_ANALYZE.name, 3, 2))).toEqual(['b', 'b', 'none']);
    // Nobody under the limit has anything left; a plain fetch takes A's (the pump lends the slots so).
    expect(await queue.fetch(SAMPLE_ANALYZE.name, 3, 2)).toEqual([]);
    const lent = await queue.fetch(SAMPLE_ANALYZE.name, 3);
    expect(whose(lent)).toEqual(['a', 'a', 'a']);
    expect(lent.map((entry) => entry.withinShare)).toEqual([false, false, false]);
  });

  it('announces committed jobs on the wake-up channel, coalescing what arrives while one is in flight', async () => {
    const heard: string[] = [];
    const listener = new NotificationListener({ url: database.url, channels: [CHANNELS.queueWakeups] });
    listener.on('notification', (_channel, payload) => heard.push(payload));
    await listener.start();
    try {
      queue.announce(['text.indicators']);
      queue.announce(['text.indicators']);
      queue.announce(['domain.similar', 'text.indicators']);
      queue.announce([]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The first at once; the next two together, as one notification per queue.
      expect(heard.sort()).toEqual(['domain.similar', 'text.indicators', 'text.indicators']);
    } finally {
      await listener.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobCatalog, TEXT_INDICATORS } from '@jobs/contracts';
import { createScratchDatabase, NotificationListener, Prisma, PrismaService, type ScratchDatabase } from '@jobs/database';
import { QUEUE_WAKEUP_CHANNEL } from './queue.options.js';
import { QueueService } from './queue.service.js';

describe('QueueService', () => {
  let database: ScratchDatabase;
  let prisma: PrismaService;
  let queue: QueueService;

  beforeAll(async () => {
    database = await createScratchDatabase({ migrated: true });
    prisma = new PrismaService({ url: database.url, poolSize: 3 });
    queue = new QueueService({ url: database.url, role: 'producer', poolSize: 3 }, JobCatalog.create({ diagnostics: false }));
    await queue.onModuleInit();
  });

  afterAll(async () => {
    await queue?.onModuleDestroy();
    await prisma?.$disconnect();
    await database?.drop();
  });

  const spec = (id: string) => ({ id, queueJobId: id, priority: 0, runAt: new Date(), maxAttempts: 1, timeoutSeconds: 5, retryDelaySeconds: 1 });

  async function queued(id: string): Promise<number> {
    const rows = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pgboss.job WHERE id = ${id}::uuid`;
    return rows[0]?.count ?? -1;
  }

  it('commits the queue entries with the transaction', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await prisma.$transaction(async (tx) => queue.insertInTransaction(tx, TEXT_INDICATORS, ids.map(spec)));
    for (const id of ids) expect(await queued(id)).toBe(1);
  });

  it('removes the queue entry when the transaction rolls back', async () => {
    const id = crypto.randomUUID();
    await expect(
      prisma.$transaction(async (tx) => {
        await queue.insertInTransaction(tx, TEXT_INDICATORS, [spec(id)]);
        expect((await tx.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pgboss.job WHERE id = ${id}::uuid`)[0]?.count).toBe(1);
        throw new Error('row insert failed');
      }),
    ).rejects.toThrow('row insert failed');
    expect(await queued(id)).toBe(0);
  });

  it('gives its insert statement for embedding: the entries commit with the rest of the statement', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const insert = await queue.insertSql(TEXT_INDICATORS, ids.map(spec));
    const [row] = await prisma.$queryRaw<{ marker: number }[]>`WITH entries AS (${insert}) SELECT 7 AS marker`;
    expect(row?.marker).toBe(7);
    for (const id of ids) expect(await queued(id)).toBe(1);
  });

  it('leaves no queue entry when the statement embedding its insert fails', async () => {
    const id = crypto.randomUUID();
    const insert = await queue.insertSql(TEXT_INDICATORS, [spec(id)]);
    await expect(prisma.$executeRaw`WITH entries AS (${insert}) SELECT 1 / ${Prisma.raw('0')}`).rejects.toThrow(/division by zero/);
    expect(await queued(id)).toBe(0);
  });

  it('announces committed jobs on the wake-up channel, coalescing what arrives while one is in flight', async () => {
    const heard: string[] = [];
    const listener = new NotificationListener({ url: database.url, channels: [QUEUE_WAKEUP_CHANNEL] });
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

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobCatalog, TEXT_INDICATORS } from '@jobs/contracts';
import { createScratchDatabase, PrismaService, type ScratchDatabase } from '@jobs/database';
import { QueueService } from './queue.service.js';

describe('QueueService.insertInTransaction', () => {
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
});

import type { PrismaService } from '@jobs/database';
import { Batcher } from '../batcher.js';
import type { FetchedEntry, JobQueue } from '../queue/job-queue.js';
import { acknowledgeEntries } from './acknowledge-entries.js';
import { retryingTransient } from './transient-errors.js';

/** Settles one queue's entries outside a job's own write, batched like the writes of attempts. */
export class EntrySettler {
  private readonly acknowledgements = new Batcher<FetchedEntry, void>((entries) => this.writeAcknowledgements(entries), { maxItems: 1000 });
  private readonly handBacks = new Batcher<{ entry: FetchedEntry; error: { code: string; message: string } }, void>((items) => this.handBack(items), {
    maxItems: 1000,
  });

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly queueName: string,
  ) {}

  /** The entry needs nothing more (its job is finished, gone, cancelled, or queued under another entry). */
  acknowledge(entry: FetchedEntry): Promise<void> {
    return this.acknowledgements.add(entry);
  }

  /** Hands the entry back to pg-boss as failed: it is retried with backoff while retries remain. */
  retry(entry: FetchedEntry, error: { code: string; message: string }): Promise<void> {
    return this.handBacks.add({ entry, error });
  }

  async drained(): Promise<void> {
    await Promise.all([this.acknowledgements.drained(), this.handBacks.drained()]);
  }

  private async writeAcknowledgements(entries: FetchedEntry[]): Promise<void[]> {
    // In id order, like every statement that locks entries: see AttemptWriter.
    const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await retryingTransient(() => acknowledgeEntries(this.prisma, this.queueName, sorted));
    return entries.map(() => undefined);
  }

  private async handBack(items: { entry: FetchedEntry; error: { code: string; message: string } }[]): Promise<void[]> {
    for (const [code, group] of Map.groupBy(items, (item) => item.error.code)) {
      await retryingTransient(() => this.queue.fail(this.queueName, group.map((item) => item.entry), { code, message: group[0]?.error.message ?? code }));
    }
    return items.map(() => undefined);
  }
}

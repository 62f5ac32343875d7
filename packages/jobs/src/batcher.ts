import { setTimeout as sleep } from 'node:timers/promises';

export interface BatcherOptions {
  /** Items per flush at most; the rest go in the next. */
  maxItems: number;
  /** Flushes start at least this far apart (0: back to back). */
  spacingMs?: number;
  /** Flushes running at once (default 1): more keep a database with several cores busy. */
  concurrency?: number;
}

/**
 * Gathers work that arrives concurrently and hands it to `flush` together: at most `concurrency`
 * flushes run at a time, and items that arrive meanwhile go out in the next one. On a quiet system
 * an item goes out at once; under load one statement carries everything that arrived meanwhile,
 * instead of one statement per item. Each item's promise settles with the flush that carried it:
 * `flush` returns one outcome per item, in order.
 */
export class Batcher<Item, Outcome = void> {
  private queued: { item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }[] = [];
  private readonly running = new Set<Promise<void>>();
  private lastFlushAt = -Infinity;

  constructor(
    private readonly flush: (items: Item[]) => Promise<Outcome[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(item: Item): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      if (this.running.size < (this.options.concurrency ?? 1)) {
        const run: Promise<void> = this.run().finally(() => this.running.delete(run));
        this.running.add(run);
      }
    });
  }

  /** Resolves once everything added so far has been flushed. */
  async drained(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async run(): Promise<void> {
    while (this.queued.length > 0) {
      const wait = this.lastFlushAt + (this.options.spacingMs ?? 0) - performance.now();
      if (wait > 0) await sleep(wait);
      const batch = this.queued.splice(0, this.options.maxItems);
      if (batch.length === 0) return;
      this.lastFlushAt = performance.now();
      try {
        const outcomes = await this.flush(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(outcomes[index] as Outcome));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
  }
}

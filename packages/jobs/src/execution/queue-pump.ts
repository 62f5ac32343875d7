import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import type { FetchedEntry, JobQueue } from '../queue/job-queue.js';
import { HEARTBEAT_SECONDS } from '../queue/queue-entry.js';

export interface PumpOptions {
  queue: string;
  /** Items running at once. */
  concurrency: number;
  /** How long an idle pump waits before looking again when nobody announces new entries. */
  pollIntervalMs: number;
  /** Fair sharing: the running entries per tenant (across workers) whose other tenants are served first; null when off. */
  tenantLimit: number | null;
  /** The type's rate limit, when it has one: fetches take no more entries than it allows. */
  throttle: Throttle | null;
}

/** Starts allowed by a rate limit shared with other workers. */
export interface Throttle {
  take(wanted: number): Promise<{ granted: number; waitMs: number }>;
  giveBack(unused: number): Promise<void>;
}

/** After a fair fetch found nobody within their share, an announcement brings the next one no sooner than this. */
const FAIR_RECHECK_MS = 100;

export interface PumpHandlers<Item> {
  /** Turns fetched entries into work (claims their jobs, say); entries it leaves out are its own to settle. */
  take(entries: FetchedEntry[]): Promise<Item[]>;
  /**
   * Runs one item to its end, its entry settled; resolves then, and must not reject. It calls
   * `release` as soon as its work is done, before its end is written: the slot takes new work
   * while the writes of finished items go to the database together.
   */
  run(item: Item, release: () => void): Promise<void>;
  entryOf(item: Item): FetchedEntry;
  /** The item's entry is no longer this worker's (another attempt took it over, or it was cancelled): stop the work. */
  lost(item: Item): void;
}

/**
 * One queue's fetch loop in a worker. It fetches as many entries as it has free slots, in one
 * statement, and fetches again at once while fetches come back full (a full fetch may have left
 * more behind) — a rule of its own, not pg-boss's queue statistics, so a worker started on a
 * backlog runs at full speed from its first fetch. When a fetch comes back short, the queue is
 * drained: the pump waits for an announcement of new entries, or polls after `pollIntervalMs`
 * (retries and delayed jobs become runnable without one). It refreshes the heartbeat of every entry
 * it holds, and tells the owner of an entry it lost.
 *
 * A fairly shared queue is fetched first for tenants within their share, and, when that finds
 * nothing, for anyone (idle slots are lent). That first fetch reads past the backlog of tenants over
 * their share, so after one that found nothing the pump fetches plainly until something may have
 * changed: an announcement of new entries (at most every FAIR_RECHECK_MS), the settled end of an item
 * fetched within its tenant's share (its tenant may have more), or `pollIntervalMs`. Fair fetches can come
 * back short with more runnable (see JobQueue.fetch), so the pump fetches again while they take anything.
 *
 * A rate-limited pump fetches no more than its throttle allows, and waits for the next token when it
 * allows nothing (announcements do not wake it then).
 */
export class QueuePump<Item> {
  /** Items not settled yet, by entry id: their entries are held (heartbeats) until then. */
  private readonly running = new Map<string, Item>();
  /** Items whose work is not done yet, and fetched entries being claimed: each takes a slot. */
  private busySlots = 0;
  /** Fetched entries being claimed, and the claims themselves (a stopping pump waits for them). */
  private taking = 0;
  private readonly takes = new Set<Promise<void>>();
  private stopping = false;
  private readonly stopped = new AbortController();
  /** Set by an announcement; a pump that was poked during a fetch looks again instead of waiting. */
  private poked = false;
  /** Whether the next fetch asks for tenants within their share first (see the class comment). */
  private fairDue = true;
  /** When a fair fetch last found nothing. */
  private fairMissAt = -Infinity;
  /** New entries were announced since the last fair fetch. */
  private announced = false;
  private wakeIdle: (() => void) | null = null;
  private wakeSlot: (() => void) | null = null;
  private readonly settledWaiters = new Set<() => void>();
  private loop: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private beating = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly options: PumpOptions,
    private readonly handlers: PumpHandlers<Item>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.unsubscribe = this.queue.onWakeup(this.options.queue, () => this.poke());
    this.heartbeat = setInterval(() => void this.beat(), (HEARTBEAT_SECONDS * 1000) / 2);
    this.loop = this.fetchLoop();
  }

  /** What is running now. */
  items(): Item[] {
    return [...this.running.values()];
  }

  /** Stops fetching; resolves once the loop has stopped. Running items go on. */
  async stopFetching(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    this.unsubscribe?.();
    this.poke();
    this.wakeSlot?.();
    await this.loop;
  }

  /** Resolves true once nothing runs, or false after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      let release: () => void = () => undefined;
      const next = new Promise<void>((resolve) => {
        release = resolve;
        this.settledWaiters.add(resolve);
      });
      const timer = setTimeout(release, left);
      await next;
      clearTimeout(timer);
      this.settledWaiters.delete(release);
    }
    return true;
  }

  /** Stops the heartbeat: the pump is done. */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  private poke(): void {
    this.poked = true;
    this.announced = true;
    this.wakeIdle?.();
  }

  private async fetchLoop(): Promise<void> {
    while (!this.stopping) {
      // Items whose ends are still being written count too, up to twice the slots: the writes keep up.
      const free = Math.min(this.options.concurrency - this.busySlots, 2 * this.options.concurrency - this.running.size - this.taking);
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.wakeSlot = resolve));
        this.wakeSlot = null;
        // Attempts settled by one statement free their slots in the same turn: fetch for all of them at once.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      this.poked = false;
      let wanted = free;
      let granted = 0;
      let fetched: FetchedEntry[];
      try {
        if (this.options.throttle) {
          const allowance = await this.options.throttle.take(free);
          if (allowance.granted === 0) {
            await this.pause(allowance.waitMs);
            continue;
          }
          wanted = granted = allowance.granted;
        }
        fetched = await this.fetch(wanted);
      } catch (error) {
        this.logger.warn(`fetching from ${this.options.queue} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (granted > 0) await this.giveBack(granted);
        await this.idle(this.options.pollIntervalMs);
        continue;
      }
      // The next fetch goes out while these entries' jobs are claimed: their slots are taken meanwhile.
      if (fetched.length > 0) {
        const take = this.take(fetched).finally(() => this.takes.delete(take));
        this.takes.add(take);
      }
      if (granted > fetched.length) await this.giveBack(granted - fetched.length);
      if (this.stopping || fetched.length === wanted || fetched.some((entry) => entry.withinShare)) continue;
      if (!this.poked) await this.idle(this.options.pollIntervalMs);
    }
    await Promise.all(this.takes);
  }

  /** Claims the fetched entries' work and starts it; entries fetched but not taken stay active without a heartbeat, and pg-boss retries them. */
  private async take(entries: FetchedEntry[]): Promise<void> {
    this.busySlots += entries.length;
    this.taking += entries.length;
    try {
      const items = await this.handlers.take(entries);
      this.busySlots -= entries.length - items.length;
      this.dispatch(items);
    } catch (error) {
      this.busySlots -= entries.length;
      this.logger.warn(`claiming from ${this.options.queue} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.taking -= entries.length;
      this.wakeSlot?.();
    }
  }

  /** Entries for tenants within their share first when that may find any, else (or when it finds none) any entries. */
  private async fetch(count: number): Promise<FetchedEntry[]> {
    const { queue, tenantLimit, pollIntervalMs } = this.options;
    if (tenantLimit === null) return this.queue.fetch(queue, count);
    const sinceMiss = performance.now() - this.fairMissAt;
    if (this.fairDue || (this.announced && sinceMiss >= FAIR_RECHECK_MS) || sinceMiss >= pollIntervalMs) {
      this.announced = false;
      const withinShare = await this.queue.fetch(queue, count, tenantLimit);
      if (withinShare.length > 0) return withinShare;
      this.fairDue = false;
      this.fairMissAt = performance.now();
    }
    return this.queue.fetch(queue, count);
  }

  /** Returns tokens a fetch took for entries it did not get; if that fails, the limit is only stricter for a moment. */
  private async giveBack(unused: number): Promise<void> {
    try {
      await this.options.throttle?.giveBack(unused);
    } catch (error) {
      this.logger.warn(`returning start tokens of ${this.options.queue} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Waits `ms` unless the pump stops meanwhile; announcements do not end it. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopped.signal }).catch(() => undefined);
  }

  private async idle(ms: number): Promise<void> {
    const controller = new AbortController();
    this.wakeIdle = () => controller.abort();
    await sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined);
    this.wakeIdle = null;
  }

  private dispatch(items: Item[]): void {
    for (const item of items) {
      const id = this.handlers.entryOf(item).id;
      this.running.set(id, item);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        this.busySlots -= 1;
        this.wakeSlot?.();
      };
      void this.handlers.run(item, release).finally(() => {
        release();
        this.running.delete(id);
        // Its entry is settled, so its tenant counts one entry less: it may be within its share again.
        if (this.handlers.entryOf(item).withinShare) {
          this.fairDue = true;
          this.wakeIdle?.();
        }
        this.wakeSlot?.();
        for (const waiter of this.settledWaiters) waiter();
      });
    }
  }

  /** Refreshes the heartbeat of every held entry; an entry no longer held is reported lost. */
  private async beat(): Promise<void> {
    if (this.beating || this.running.size === 0) return;
    this.beating = true;
    try {
      const items = this.items();
      const held = await this.queue.touch(this.options.queue, items.map((item) => this.handlers.entryOf(item)));
      for (const item of items) {
        const id = this.handlers.entryOf(item).id;
        if (!held.has(id) && this.running.get(id) === item) this.handlers.lost(item);
      }
    } catch (error) {
      // A heartbeat that could not run says nothing about the claims: nothing is given up.
      this.logger.warn(`heartbeat of ${this.options.queue} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.beating = false;
    }
  }
}

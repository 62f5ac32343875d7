interface Entry<T> {
  expiresAt: number;
  value: Promise<T>;
}

/**
 * Figures served from memory for `ttlMs` per key: dashboards poll them. Concurrent requests for one
 * key share a computation; a failed one is not kept. At most `capacity` keys; the oldest go first.
 */
export class FiguresCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key's figures: kept ones unless `refresh` or expired, else `compute()`'s (kept from now on). */
  get(key: string, compute: () => Promise<T>, refresh = false): Promise<T> {
    const kept = this.entries.get(key);
    if (!refresh && kept && kept.expiresAt > this.now()) return kept.value;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { expiresAt: this.now() + this.ttlMs, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }
}

/**
 * Runs `task` at most once per `intervalMs`: a request while it is too soon runs once when the
 * interval is over, however many requests came meanwhile. For re-reading a page that live events
 * keep invalidating.
 */
export class Throttle {
  private lastRun = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = this.lastRun + this.intervalMs - this.now();
    if (wait <= 0) this.run();
    else this.timer = setTimeout(() => this.run(), wait);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    this.lastRun = this.now();
    this.task();
  }
}

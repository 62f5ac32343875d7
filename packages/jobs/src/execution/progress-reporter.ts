import type { JobProgress } from '@jobs/contracts';

/** Progress travels in a NOTIFY payload (at most 8000 bytes): messages are kept short. */
const MAX_MESSAGE_LENGTH = 500;

export function toJobProgress(current: number, total?: number | null, message?: string | null): JobProgress {
  const knownTotal = typeof total === 'number' && Number.isFinite(total) && total > 0 ? total : null;
  const percentage = knownTotal === null ? null : Math.min(100, Math.max(0, Math.round((current / knownTotal) * 1000) / 10));
  return { current, total: knownTotal, message: message?.slice(0, MAX_MESSAGE_LENGTH) ?? null, percentage };
}

/**
 * Writes a job's progress without letting a chatty handler flood the database: at most one write is
 * in flight, and reports that arrive meanwhile collapse into the latest one.
 */
export class ProgressReporter {
  private latest: JobProgress | null = null;
  private writing: Promise<void> | null = null;
  private lastError: unknown = null;

  constructor(private readonly write: (progress: JobProgress) => Promise<void>) {}

  report(progress: JobProgress): void {
    this.latest = progress;
    this.writing ??= this.drain();
  }

  /** Resolves once every report so far is written; rethrows the last write error, if any. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.lastError !== null) {
      const error = this.lastError;
      this.lastError = null;
      throw error;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.latest !== null) {
        const next = this.latest;
        this.latest = null;
        await this.write(next).catch((error: unknown) => {
          this.lastError = error;
        });
      }
    } finally {
      this.writing = null;
    }
  }
}

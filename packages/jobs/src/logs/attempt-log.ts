import type { JobLogLevel } from '@jobs/contracts';
import type { JobLogBound, JobLogEntry } from './insert-job-logs.js';

/** A line's message is cut here: the bound is for many lines, not one huge one. */
const MAX_MESSAGE_LENGTH = 8192;
/** Fields whose JSON is longer are replaced by a note saying so. */
const MAX_FIELDS_LENGTH = 8192;

/**
 * The log of one running attempt: the lines logged in one turn of the event loop are handed
 * together to the worker's shared batch writer (`write`, which resolves with whether the job's log
 * is now full), and `flush` waits until every line so far is stored, so the attempt's end is
 * recorded after its lines. Once the job's log is full (as the database says, or as this attempt's
 * own lines already exceed the bound) lines are dropped here instead of being sent.
 */
export class AttemptLog {
  private lines = 0;
  private bytes = 0;
  private full = false;
  private readonly pending = new Set<Promise<void>>();
  /** Lines not handed over yet: they go together at the end of the current turn. */
  private chunk: JobLogEntry[] | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly jobId: string,
    private readonly attempt: number,
    private readonly bound: JobLogBound,
    private readonly write: (lines: JobLogEntry[]) => Promise<boolean>,
  ) {}

  record(level: JobLogLevel, message: string, fields?: Record<string, unknown> | null): void {
    if (this.full) return;
    const entry: JobLogEntry = { jobId: this.jobId, attempt: this.attempt, level, loggedAt: new Date(), message: message.slice(0, MAX_MESSAGE_LENGTH).replaceAll('\0', ''), fields: fieldsJson(fields) };
    this.lines += 1;
    this.bytes += utf8Length(entry.message) + (entry.fields === null ? 0 : utf8Length(entry.fields));
    // This line still goes: the statement turns the first line past the bound into the marker.
    if (this.lines > this.bound.maxLines || this.bytes > this.bound.maxBytes) this.full = true;
    if (this.chunk) {
      this.chunk.push(entry);
      return;
    }
    this.chunk = [entry];
    queueMicrotask(() => this.handOver());
  }

  private handOver(): void {
    const lines = this.chunk;
    if (!lines) return;
    this.chunk = null;
    const written: Promise<void> = this.write(lines)
      .then(
        (full) => {
          if (full) this.full = true;
        },
        (error: unknown) => {
          this.lastError = error;
        },
      )
      .finally(() => this.pending.delete(written));
    this.pending.add(written);
  }

  /** Resolves once every line so far is written; rethrows the last write error, if any. */
  async flush(): Promise<void> {
    this.handOver();
    while (this.pending.size > 0) await Promise.all(this.pending);
    if (this.lastError !== null) {
      const error = this.lastError;
      this.lastError = null;
      throw error;
    }
  }
}

function fieldsJson(fields: Record<string, unknown> | null | undefined): string | null {
  if (!fields || Object.keys(fields).length === 0) return null;
  let json: string;
  try {
    json = JSON.stringify(fields, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value instanceof Error ? { name: value.name, message: value.message } : value));
  } catch (error) {
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
  // JSONB refuses \u0000 in strings.
  json = json.replaceAll('\\u0000', '');
  return json.length > MAX_FIELDS_LENGTH ? JSON.stringify({ dropped: `fields longer than ${MAX_FIELDS_LENGTH} characters of JSON` }) : json;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

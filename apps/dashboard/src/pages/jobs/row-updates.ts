import { isTerminalStatus, type JobProgress, type JobStatus, type JobSummary } from '@jobs/contracts';

/** A job's new status and progress as the live feed reports it (the feed's `changed` events). */
export interface JobChange {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  attempts: number;
  updatedAt: string;
}

export interface AppliedChanges {
  /** The rows with the changes in them: the same array when nothing changed, and only changed rows are new objects. */
  rows: JobSummary[];
  /** Jobs whose other fields (finishedAt, duration, error, result type) the change made stale: read them again. */
  stale: string[];
}

/** Of two states of a job the later `updatedAt` wins; a tie keeps what is there. */
function isLater(candidate: string, than: string): boolean {
  return Date.parse(candidate) > Date.parse(than);
}

/** Applies the latest change of each job on the page; a change older than the row is ignored. */
export function applyChanges(rows: JobSummary[], changes: ReadonlyMap<string, JobChange>): AppliedChanges {
  const stale: string[] = [];
  let changed = false;
  const next = rows.map((row) => {
    const change = changes.get(row.id);
    if (!change || !isLater(change.updatedAt, row.updatedAt)) return row;
    changed = true;
    // Finishing, or leaving a finished status (a retry), changes fields the feed does not carry.
    if (change.status !== row.status && (isTerminalStatus(change.status) || isTerminalStatus(row.status))) stale.push(row.id);
    return { ...row, status: change.status, progress: change.progress, attempts: change.attempts, updatedAt: change.updatedAt };
  });
  return { rows: changed ? next : rows, stale };
}

/**
 * A freshly read page merged with what is on screen: a row the feed has already taken further (a
 * later `updatedAt`) stays as it is, an unchanged row keeps its object (so it is not drawn again),
 * and the order and membership are the fresh page's. Returns `current` itself when nothing differs.
 */
export function reconcileRows(current: readonly JobSummary[], fresh: readonly JobSummary[]): JobSummary[] {
  const byId = new Map(current.map((row) => [row.id, row]));
  let identical = current.length === fresh.length;
  const rows = fresh.map((row, index) => {
    const shown = byId.get(row.id);
    const kept = shown && (isLater(shown.updatedAt, row.updatedAt) || sameSummary(shown, row)) ? shown : row;
    if (kept !== current[index]) identical = false;
    return kept;
  });
  return identical ? (current as JobSummary[]) : rows;
}

function sameSummary(a: JobSummary, b: JobSummary): boolean {
  return a.updatedAt === b.updatedAt && JSON.stringify(a) === JSON.stringify(b);
}

/** The newest change of each recently changed job, bounded: applied to pages read while changes were arriving. */
export class RecentChanges {
  private readonly changes = new Map<string, JobChange>();

  constructor(private readonly capacity = 2000) {}

  get all(): ReadonlyMap<string, JobChange> {
    return this.changes;
  }

  remember(change: JobChange): void {
    const known = this.changes.get(change.id);
    if (known && !isLater(change.updatedAt, known.updatedAt)) return;
    this.changes.delete(change.id);
    this.changes.set(change.id, change);
    if (this.changes.size > this.capacity) {
      const oldest = this.changes.keys().next().value;
      if (oldest !== undefined) this.changes.delete(oldest);
    }
  }

  clear(): void {
    this.changes.clear();
  }
}

import type { JobProgress, JobStatus, JobSummary } from '@jobs/contracts';

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
  /** Jobs whose status changed: fields the feed does not carry (times, duration, error, result type) are stale. */
  stale: string[];
}

/**
 * Applies the latest change of each job on the page. Changes are taken in the order they arrive —
 * the order their statements committed — rather than by `updatedAt`: that is the writing
 * transaction's start time, so a cancellation that began before a progress report but committed
 * after it carries the earlier `updatedAt`, and comparing them would keep the job running on screen.
 */
export function applyChanges(rows: JobSummary[], changes: ReadonlyMap<string, JobChange>): AppliedChanges {
  const stale: string[] = [];
  let changed = false;
  const next = rows.map((row) => {
    const change = changes.get(row.id);
    if (!change || sameState(row, change)) return row;
    changed = true;
    if (change.status !== row.status) stale.push(row.id);
    return { ...row, status: change.status, progress: change.progress, attempts: change.attempts, updatedAt: change.updatedAt };
  });
  return { rows: changed ? next : rows, stale };
}

function sameState(row: JobSummary, change: JobChange): boolean {
  return (
    row.status === change.status &&
    row.attempts === change.attempts &&
    row.updatedAt === change.updatedAt &&
    JSON.stringify(row.progress) === JSON.stringify(change.progress)
  );
}

/**
 * A freshly read page in place of the rows on screen, keeping the object of every row that did not
 * change (so it is not drawn again); returns `current` itself when nothing differs. The read is the
 * database's state when it ran, so it wins over what the feed brought meanwhile: a change it missed
 * made the page read again (every status change does), and that later read has it.
 */
export function reconcileRows(current: readonly JobSummary[], fresh: readonly JobSummary[]): JobSummary[] {
  const byId = new Map(current.map((row) => [row.id, row]));
  let identical = current.length === fresh.length;
  const rows = fresh.map((row, index) => {
    const shown = byId.get(row.id);
    const kept = shown && JSON.stringify(shown) === JSON.stringify(row) ? shown : row;
    if (kept !== current[index]) identical = false;
    return kept;
  });
  return identical ? (current as JobSummary[]) : rows;
}

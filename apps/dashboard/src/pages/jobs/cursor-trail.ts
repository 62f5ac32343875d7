/**
 * Keyset cursors only go forward, so the way back is remembered: each page reached by "next" notes
 * the cursor of the page before it and its number. A page opened from a shared link has no known
 * predecessor (its number is unknown too); "first page" always works, and so does the browser's back.
 */
export interface TrailStep {
  /** The previous page's cursor: null for the first page. */
  previous: string | null;
  /** 1 for the first page. */
  pageNumber: number;
}

/** At most this many steps are kept: a long session's trail stays small. */
const MAX_STEPS = 500;

export class CursorTrail {
  private readonly steps = new Map<string, TrailStep>();

  /** Going from the page at `from` (null: the first page) of `listing` to the page at `to`. */
  advance(listing: string, from: string | null, to: string): void {
    const pageNumber = from === null ? 2 : (this.steps.get(stepKey(listing, from))?.pageNumber ?? Number.NaN) + 1;
    const key = stepKey(listing, to);
    this.steps.delete(key);
    this.steps.set(key, { previous: from, pageNumber });
    if (this.steps.size > MAX_STEPS) {
      const oldest = this.steps.keys().next().value;
      if (oldest !== undefined) this.steps.delete(oldest);
    }
  }

  /** Where the page at `cursor` came from, if it was reached by "next" in this session; the first page is known by definition. */
  stepTo(listing: string, cursor: string | null): TrailStep | null {
    if (cursor === null) return { previous: null, pageNumber: 1 };
    const step = this.steps.get(stepKey(listing, cursor));
    if (!step) return null;
    return { previous: step.previous, pageNumber: step.pageNumber };
  }
}

function stepKey(listing: string, cursor: string): string {
  return `${listing}\n${cursor}`;
}

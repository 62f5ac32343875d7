import type { JobOptionValues } from './job-options.js';
import type { FieldValue } from './payload-values.js';

export type EditMode = 'form' | 'json';

/** What the Submit page held when it was left: it comes back filled in (the way to submit another job like the last one). */
export interface SubmitDraft {
  type: string | null;
  valuesByType: Record<string, FieldValue>;
  options: JobOptionValues;
  mode: EditMode;
  jsonText: string;
  /** The job the form last submitted, to link to. */
  submittedJobId: string | null;
}

// Kept in memory only, for this tab's session: a payload can be megabytes of base64 and may be
// sensitive, neither of which belongs in storage.
let kept: SubmitDraft | null = null;

export function keptDraft(): SubmitDraft | null {
  return kept;
}

export function keepDraft(draft: SubmitDraft | null): void {
  kept = draft;
}

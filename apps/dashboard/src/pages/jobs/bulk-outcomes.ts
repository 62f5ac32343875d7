/** The bulk actions on selected jobs, each one API call per job. */
export type BulkAction = 'cancel' | 'retry' | 'delete';

export const BULK_ACTIONS: Record<BulkAction, { verb: string; done: string; danger: boolean }> = {
  cancel: { verb: 'Cancel', done: 'cancelled', danger: true },
  retry: { verb: 'Retry', done: 'queued again', danger: false },
  delete: { verb: 'Delete', done: 'deleted', danger: true },
};

/** One job's outcome: done, or the problem the API answered with (or why it could not be asked). */
export interface BulkOutcome {
  jobId: string;
  problem: { code: string; status: number | null; detail: string } | null;
}

export interface BulkFailureGroup {
  code: string;
  status: number | null;
  /** The first job's explanation; the others share the code. */
  detail: string;
  jobIds: string[];
}

export interface BulkSummary {
  action: BulkAction;
  succeeded: string[];
  /** By problem code, the most frequent first. */
  failures: BulkFailureGroup[];
}

/** Per-job outcomes grouped so that "40 already finished" reads as one line, not forty. */
export function summariseBulk(action: BulkAction, outcomes: readonly BulkOutcome[]): BulkSummary {
  const succeeded: string[] = [];
  const groups = new Map<string, BulkFailureGroup>();
  for (const outcome of outcomes) {
    if (outcome.problem === null) {
      succeeded.push(outcome.jobId);
      continue;
    }
    const { code, status, detail } = outcome.problem;
    const group = groups.get(code) ?? { code, status, detail, jobIds: [] };
    group.jobIds.push(outcome.jobId);
    groups.set(code, group);
  }
  const failures = [...groups.values()].sort((a, b) => b.jobIds.length - a.jobIds.length || a.code.localeCompare(b.code));
  return { action, succeeded, failures };
}

/** "3 jobs cancelled, 2 not" — the summary's headline. */
export function bulkHeadline(summary: BulkSummary): string {
  const { succeeded, failures, action } = summary;
  const failed = failures.reduce((count, group) => count + group.jobIds.length, 0);
  const done = `${jobCount(succeeded.length)} ${BULK_ACTIONS[action].done}`;
  return failed === 0 ? `${done}.` : `${done}, ${failed} not.`;
}

export function jobCount(count: number): string {
  return `${count} ${count === 1 ? 'job' : 'jobs'}`;
}

/** Runs `task` over `items`, at most `concurrency` at a time, resolving with results in `items`' order. */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

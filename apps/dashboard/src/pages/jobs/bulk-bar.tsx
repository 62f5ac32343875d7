import { JobsApiError } from '@jobs/client';
import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { BulkConfirmDialog } from './bulk-confirm-dialog.js';
import { BULK_ACTIONS, type BulkAction, type BulkOutcome, type BulkSummary, jobCount, mapConcurrently, summariseBulk } from './bulk-outcomes.js';
import { BulkSummaryMessage } from './bulk-summary.js';

/** Requests in flight at once: quick for a page of 100, gentle on the API's rate limit. */
const CONCURRENCY = 4;

function problemOf(error: unknown): BulkOutcome['problem'] {
  if (error instanceof JobsApiError) return { code: error.code, status: error.status, detail: error.problem.detail || error.problem.title };
  return { code: 'NOT_REACHED', status: null, detail: `The API could not be reached (${error instanceof Error ? error.message : String(error)}).` };
}

/**
 * The actions on the selected jobs: each asks for confirmation with the count, then calls the API
 * once per job, and reports every outcome; `onDone` clears the selection and re-reads the page.
 */
export function BulkBar(props: { selectedIds: readonly string[]; onDone(): void }) {
  const { client } = useSession();
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [running, setRunning] = useState<{ action: BulkAction; done: number; count: number } | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const count = props.selectedIds.length;

  const run = async (action: BulkAction) => {
    const ids = [...props.selectedIds];
    setConfirming(null);
    setSummary(null);
    setRunning({ action, done: 0, count: ids.length });
    const call = { cancel: (id: string) => client.cancel(id), retry: (id: string) => client.retry(id), delete: (id: string) => client.delete(id) }[action];
    const outcomes = await mapConcurrently(ids, CONCURRENCY, async (jobId): Promise<BulkOutcome> => {
      let outcome: BulkOutcome;
      try {
        await call(jobId);
        outcome = { jobId, problem: null };
      } catch (error) {
        outcome = { jobId, problem: problemOf(error) };
      }
      setRunning((state) => (state ? { ...state, done: state.done + 1 } : state));
      return outcome;
    });
    setRunning(null);
    setSummary(summariseBulk(action, outcomes));
    props.onDone();
  };

  return (
    <div class="bulk-area">
      <div class="bulk-bar" role="toolbar" aria-label="Selected jobs">
        <span class="bulk-count">{count === 0 ? 'No jobs selected' : `${jobCount(count)} selected`}</span>
        {(Object.keys(BULK_ACTIONS) as BulkAction[]).map((action) => (
          <button
            key={action}
            type="button"
            class={BULK_ACTIONS[action].danger ? 'secondary danger-outline' : 'secondary'}
            disabled={count === 0 || running !== null}
            onClick={() => setConfirming(action)}
          >
            {`${BULK_ACTIONS[action].verb}…`}
          </button>
        ))}
        {running ? <span class="muted" role="status">{`${BULK_ACTIONS[running.action].verb}: ${running.done} of ${running.count}…`}</span> : null}
      </div>
      {confirming ? <BulkConfirmDialog action={confirming} count={count} onConfirm={() => void run(confirming)} onClose={() => setConfirming(null)} /> : null}
      {summary ? <BulkSummaryMessage summary={summary} onDismiss={() => setSummary(null)} /> : null}
    </div>
  );
}

import type { BulkJobsResponse } from '@jobs/contracts';
import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useViewScope } from '../../view/use-view-scope.js';
import { jobCount } from './bulk-outcomes.js';
import { bulkJobsQuery, hasFilters, type JobsListState } from './jobs-list-state.js';
import { MATCHING_CHANGES, type MatchingChange, matchingOutcome, matchingPreview } from './matching-changes.js';

type Step =
  | { kind: 'idle' }
  | { kind: 'counting'; change: MatchingChange }
  | { kind: 'confirming'; change: MatchingChange; preview: BulkJobsResponse }
  | { kind: 'running'; change: MatchingChange; preview: BulkJobsResponse };

/**
 * "Retry all matching" and "Cancel all matching": every job the filters match, on every page, in
 * the view's scope. A dry run counts first and the confirmation states the count; the API then
 * changes them in batches and `onDone` re-reads the page.
 */
export function MatchingActions(props: { state: JobsListState; onDone(): void }) {
  const { client } = useSession();
  const { query: scopeQuery } = useViewScope();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const call = (change: MatchingChange, dryRun: boolean) => {
    const query = { ...bulkJobsQuery(props.state, { dryRun }), ...scopeQuery };
    return change === 'retry' ? client.retryMatching(query) : client.cancelMatching(query);
  };

  const count = async (change: MatchingChange) => {
    setMessage(null);
    setError(null);
    setStep({ kind: 'counting', change });
    try {
      const preview = await call(change, true);
      if (preview.changed === 0) {
        setMessage(`Nothing to ${change}: ${matchingPreview(change, preview)}`);
        setStep({ kind: 'idle' });
      } else {
        setStep({ kind: 'confirming', change, preview });
      }
    } catch (caught) {
      setError(caught);
      setStep({ kind: 'idle' });
    }
  };

  const run = async (change: MatchingChange, preview: BulkJobsResponse) => {
    setStep({ kind: 'running', change, preview });
    try {
      setMessage(matchingOutcome(change, await call(change, false)));
    } catch (caught) {
      setError(caught);
    }
    setStep({ kind: 'idle' });
    props.onDone();
  };

  const shown = step.kind === 'confirming' || step.kind === 'running' ? step : null;
  const scopeNote = hasFilters(props.state) ? '' : ' No filter is set: this is every job in this view.';
  return (
    <div class="matching-actions">
      <div class="bulk-bar" role="toolbar" aria-label="All matching jobs">
        <span class="bulk-count">Every page</span>
        {(Object.keys(MATCHING_CHANGES) as MatchingChange[]).map((change) => (
          <button
            key={change}
            type="button"
            class={MATCHING_CHANGES[change].danger ? 'secondary danger-outline' : 'secondary'}
            disabled={step.kind !== 'idle'}
            onClick={() => void count(change)}
          >
            {step.kind === 'counting' && step.change === change ? 'Counting…' : `${MATCHING_CHANGES[change].verb} all matching…`}
          </button>
        ))}
      </div>
      {message ? (
        <p class="matching-summary" role="status">
          <strong>{message}</strong>{' '}
          <button type="button" class="secondary small" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      <ProblemMessage error={error} prefix="Could not change the matching jobs:" />
      {shown ? (
        <ConfirmDialog
          open
          title={`${MATCHING_CHANGES[shown.change].verb} ${jobCount(shown.preview.changed)}?`}
          confirmLabel={`${MATCHING_CHANGES[shown.change].verb} ${jobCount(shown.preview.changed)}`}
          dismissLabel="Go back"
          busyLabel={`${MATCHING_CHANGES[shown.change].verb}…`}
          busy={shown.kind === 'running'}
          danger={MATCHING_CHANGES[shown.change].danger}
          onConfirm={() => void run(shown.change, shown.preview)}
          onDismiss={() => setStep({ kind: 'idle' })}
        >
          <p>{`${matchingPreview(shown.change, shown.preview)}${scopeNote}`}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

import type { JobResponse, JobSummary } from '@jobs/contracts';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { PATHS } from '../../paths.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { type JobAction, actionsFor } from './job-actions.js';

interface ActionCopy {
  button: string;
  title: string;
  question: string;
  confirm: string;
  busy: string;
  dismiss: string;
  failure: string;
  danger: boolean;
}

const COPY: Record<JobAction, ActionCopy> = {
  cancel: {
    button: 'Cancel job',
    title: 'Cancel this job?',
    question: 'A running handler is told to stop; the job ends CANCELLED, without a result. It can be retried later.',
    confirm: 'Cancel the job',
    busy: 'Cancelling…',
    dismiss: 'Don’t cancel',
    failure: 'Could not cancel the job:',
    danger: true,
  },
  retry: {
    button: 'Retry',
    title: 'Run this job again?',
    question: 'It is queued again under the same id with its attempts reset; its error is cleared.',
    confirm: 'Retry the job',
    busy: 'Retrying…',
    dismiss: 'Not now',
    failure: 'Could not retry the job:',
    danger: false,
  },
  delete: {
    button: 'Delete',
    title: 'Delete this job?',
    question: 'The job, its result and its queue entry are deleted for good (a running job is cancelled first).',
    confirm: 'Delete the job',
    busy: 'Deleting…',
    dismiss: 'Keep the job',
    failure: 'Could not delete the job:',
    danger: true,
  },
};

/**
 * Cancel, retry and delete, each after a confirmation. Offered as the job's status allows, enabled
 * only for its owner and admins (the API refuses anyone else with 403 anyway). A cancel shows its
 * answer at once; a retry follows the new run; a delete returns to the jobs list.
 */
export function JobActionButtons(props: { job: JobResponse; onChanged(summary: JobSummary): void; onRetried(): void }) {
  const { job } = props;
  const { client, caller } = useSession();
  const { route } = useLocation();
  const [asking, setAsking] = useState<JobAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ action: JobAction; error: unknown } | null>(null);
  const { offered, mayChange } = actionsFor(job, caller);

  const run = async (action: JobAction) => {
    setBusy(true);
    setFailure(null);
    try {
      if (action === 'cancel') props.onChanged(await client.cancel(job.id));
      else if (action === 'retry') {
        await client.retry(job.id);
        props.onRetried();
      } else {
        await client.delete(job.id);
        // Replaced, so that Back does not return to a job that is gone.
        route(PATHS.jobs, true);
      }
    } catch (error) {
      setFailure({ action, error });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  const copy = asking ? COPY[asking] : null;
  return (
    <div class="job-actions">
      <div class="job-action-buttons" role="group" aria-label="Change the job">
        {offered.map((action) => (
          <button
            key={action}
            type="button"
            class={COPY[action].danger ? 'danger' : undefined}
            disabled={!mayChange || busy}
            aria-describedby={mayChange ? undefined : 'job-actions-hint'}
            onClick={() => setAsking(action)}
          >
            {COPY[action].button}
          </button>
        ))}
      </div>
      {mayChange ? null : (
        <p id="job-actions-hint" class="hint">
          Only its owner (<code>{job.ownerId}</code>) or an admin can change this job; as a member of its organisation you can look at it.
        </p>
      )}
      {failure ? <ProblemMessage error={failure.error} prefix={COPY[failure.action].failure} /> : null}
      <ConfirmDialog
        open={copy !== null}
        title={copy?.title ?? ''}
        confirmLabel={copy?.confirm ?? ''}
        dismissLabel={copy?.dismiss ?? ''}
        busyLabel={copy?.busy ?? ''}
        busy={busy}
        danger={copy?.danger ?? false}
        onConfirm={() => asking && void run(asking)}
        onDismiss={() => setAsking(null)}
      >
        <p>{copy?.question}</p>
        <p class="muted">
          {job.type} <code>{job.id}</code>
        </p>
      </ConfirmDialog>
    </div>
  );
}

import type { AdminDeleteJobsQuery } from '@jobs/contracts';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatCount } from '../../format/format-count.js';
import { PurgeFields } from './purge-fields.js';
import { confirmsCount, INITIAL_PURGE_FORM, type PurgeForm, purgeQuery } from './purge-form.js';

/** Where the purge stands: a deletion always runs the very query its dry run counted. */
type Step =
  | { kind: 'editing' }
  | { kind: 'counting' }
  | { kind: 'counted'; query: AdminDeleteJobsQuery; count: number }
  | { kind: 'deleting'; query: AdminDeleteJobsQuery; count: number }
  | { kind: 'deleted'; deleted: number; counted: number };

function jobs(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'job' : 'jobs'}`;
}

/**
 * Bulk delete by date (DELETE /v1/admin/jobs): a dry run counts first, then the user types the count
 * to enable the deletion. Any change to the form discards the count.
 */
export function PurgeSection(props: { onDeleted: () => void }) {
  const { client } = useSession();
  const [form, setForm] = useState<PurgeForm>(INITIAL_PURGE_FORM);
  const [step, setStep] = useState<Step>({ kind: 'editing' });
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [typed, setTyped] = useState('');
  const confirmation = useRef<HTMLInputElement>(null);
  const confirmationId = useId();
  const busy = step.kind === 'counting' || step.kind === 'deleting';

  useEffect(() => {
    if (step.kind === 'counted' && step.count > 0) confirmation.current?.focus();
  }, [step]);

  const edit = (next: PurgeForm) => {
    setForm(next);
    setStep({ kind: 'editing' });
    setProblems([]);
    setError(null);
    setTyped('');
  };

  const dryRun = async (event: Event) => {
    event.preventDefault();
    const result = purgeQuery(form);
    setError(null);
    setTyped('');
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    setStep({ kind: 'counting' });
    try {
      const { deleted } = await client.adminBulkDelete({ ...result.query, dryRun: true });
      setStep({ kind: 'counted', query: result.query, count: deleted });
    } catch (caught) {
      setError(caught);
      setStep({ kind: 'editing' });
    }
  };

  const purge = async () => {
    if (step.kind !== 'counted' || !confirmsCount(typed, step.count)) return;
    setError(null);
    setStep({ kind: 'deleting', query: step.query, count: step.count });
    try {
      const { deleted } = await client.adminBulkDelete(step.query);
      setStep({ kind: 'deleted', deleted, counted: step.count });
      setTyped('');
      props.onDeleted();
    } catch (caught) {
      setError(caught);
      setStep(step);
    }
  };

  return (
    <section class="admin-section" aria-labelledby="purge-heading">
      <h2 id="purge-heading">Delete jobs by date</h2>
      <form class="purge-form" onSubmit={dryRun} noValidate>
        <PurgeFields form={form} onChange={edit} disabled={busy} />
        <div class="purge-actions">
          <button type="submit" disabled={busy}>
            {step.kind === 'counting' ? 'Counting…' : 'Count matching jobs (dry run)'}
          </button>
        </div>
      </form>
      {problems.length > 0 ? (
        <ul class="field-error purge-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <ProblemMessage error={error} prefix={step.kind === 'counted' ? 'The deletion failed:' : 'The dry run failed:'} />
      <div role="status" class="purge-outcome">
        {step.kind === 'counted' || step.kind === 'deleting' ? (
          <p class="purge-count">{step.count === 0 ? 'No job matches: nothing would be deleted.' : `${jobs(step.count)} would be deleted.`}</p>
        ) : null}
        {step.kind === 'deleted' ? (
          <p class="purge-done">
            Deleted {jobs(step.deleted)}.
            {step.deleted !== step.counted ? ` The dry run counted ${formatCount(step.counted)}: jobs matching the filters changed in between.` : ''}
          </p>
        ) : null}
      </div>
      {(step.kind === 'counted' || step.kind === 'deleting') && step.count > 0 ? (
        <div class="purge-confirm">
          <label for={confirmationId}>
            Type <strong>{step.count}</strong> to confirm deleting {jobs(step.count)}; this cannot be undone
          </label>
          <div class="purge-confirm-controls">
            <input
              id={confirmationId}
              ref={confirmation}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              disabled={busy}
              onInput={(event) => setTyped(event.currentTarget.value)}
            />
            <button type="button" class="danger" disabled={busy || !confirmsCount(typed, step.count)} onClick={() => void purge()}>
              {step.kind === 'deleting' ? 'Deleting…' : `Delete ${jobs(step.count)}`}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

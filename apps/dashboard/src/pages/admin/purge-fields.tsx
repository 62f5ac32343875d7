import { type JobStatus, TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import type { PurgeForm } from './purge-form.js';

/** The purge form's inputs; every change goes to `onChange` as a whole new form. */
export function PurgeFields(props: { form: PurgeForm; onChange: (form: PurgeForm) => void; disabled: boolean }) {
  const { form, onChange, disabled } = props;
  const set = <K extends keyof PurgeForm>(field: K, value: PurgeForm[K]) => onChange({ ...form, [field]: value });
  const toggleStatus = (status: JobStatus, checked: boolean) =>
    set('statuses', checked ? TERMINAL_JOB_STATUSES.filter((each) => each === status || form.statuses.includes(each)) : form.statuses.filter((each) => each !== status));

  return (
    <fieldset class="purge-fields" disabled={disabled}>
      <legend>Which jobs</legend>
      <label>
        <span>Created before (local time)</span>
        <input type="datetime-local" step={1} value={form.createdBefore} onInput={(event) => set('createdBefore', event.currentTarget.value)} />
      </label>
      <label>
        <span>Finished before (local time)</span>
        <input type="datetime-local" step={1} value={form.finishedBefore} onInput={(event) => set('finishedBefore', event.currentTarget.value)} />
      </label>
      <fieldset class="purge-statuses">
        <legend>Statuses</legend>
        {TERMINAL_JOB_STATUSES.map((status) => (
          <label key={status} class="check">
            <input type="checkbox" checked={form.statuses.includes(status)} onChange={(event) => toggleStatus(status, event.currentTarget.checked)} />
            {status}
          </label>
        ))}
        <label class="check">
          <input type="checkbox" checked={form.includeActive} onChange={(event) => set('includeActive', event.currentTarget.checked)} />
          also PENDING and PROCESSING (running jobs stop)
        </label>
      </fieldset>
      <label>
        <span>Job types (comma-separated; empty for all)</span>
        <input type="text" value={form.types} onInput={(event) => set('types', event.currentTarget.value)} autoComplete="off" spellcheck={false} />
      </label>
      <label>
        <span>Owner (sub; empty for every owner)</span>
        <input type="text" value={form.ownerId} onInput={(event) => set('ownerId', event.currentTarget.value)} autoComplete="off" spellcheck={false} />
      </label>
    </fieldset>
  );
}

import type { JobTypeInfo } from '@jobs/contracts';
import { FieldFrame } from './field-frame.js';

/** The job type, with what it does; in JSON mode the body's `type` decides, so the picker rests. */
export function TypePicker(props: { types: JobTypeInfo[]; selected: JobTypeInfo | null; disabled: boolean; errors: string[] | undefined; onChange(name: string): void }) {
  const { selected } = props;
  const help = selected
    ? [selected.description, `Result: ${selected.resultType}. Defaults: ${selected.defaultMaxAttempts} attempts, ${selected.defaultTimeoutSeconds} s timeout.`]
    : ['Choose what the job does.'];
  return (
    <FieldFrame path="type" label="Job type" required help={props.disabled ? ['In JSON mode the body’s "type" names it.'] : help} errors={props.errors}>
      {(control) => (
        <select {...control} disabled={props.disabled} value={selected?.name ?? ''} onChange={(event) => props.onChange(event.currentTarget.value)}>
          {selected ? null : <option value="">Choose a job type…</option>}
          {props.types.map((type) => (
            <option key={type.name} value={type.name}>
              {type.name}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

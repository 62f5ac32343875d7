import { METADATA_LIMITS } from '@jobs/contracts';
import { useEffect, useRef } from 'preact/hooks';
import { FieldGroup } from './field-frame.js';
import type { MetadataRow } from './job-options.js';

const HELP = [
  `Labels returned with the job and searchable: at most ${METADATA_LIMITS.maxKeys} keys of up to ${METADATA_LIMITS.maxKeyLength} characters, values of up to ${METADATA_LIMITS.maxValueLength}. Sent as text.`,
];

/** The job's metadata labels as key/value rows; a new row's key input takes the focus. */
export function MetadataRows(props: { rows: MetadataRow[]; errors: string[] | undefined; onChange(rows: MetadataRow[]): void }) {
  const { rows, onChange } = props;
  const list = useRef<HTMLOListElement>(null);
  const added = useRef(false);

  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  }, [rows.length]);

  const edit = (index: number, change: Partial<MetadataRow>) => onChange(rows.map((row, position) => (position === index ? { ...row, ...change } : row)));

  return (
    <FieldGroup path="metadata" label="Metadata labels" required={false} help={HELP} errors={props.errors}>
      {(control) => (
        <>
          {rows.length > 0 ? (
            <ol class="metadata-rows" ref={list}>
              {rows.map((row, index) => (
                <li key={index} class="metadata-row">
                  <input
                    aria-label={`Label ${index + 1} key`}
                    placeholder="key"
                    aria-invalid={control['aria-invalid']}
                    aria-describedby={control['aria-describedby']}
                    value={row.key}
                    onInput={(event) => edit(index, { key: event.currentTarget.value })}
                  />
                  <input
                    aria-label={`Label ${index + 1} value`}
                    placeholder="value"
                    aria-invalid={control['aria-invalid']}
                    aria-describedby={control['aria-describedby']}
                    value={row.value}
                    onInput={(event) => edit(index, { value: event.currentTarget.value })}
                  />
                  <button type="button" class="secondary" aria-label={`Remove label ${index + 1}`} onClick={() => onChange(rows.filter((_, position) => position !== index))}>
                    Remove
                  </button>
                </li>
              ))}
            </ol>
          ) : null}
          <button
            type="button"
            class="secondary add-row"
            onClick={() => {
              added.current = true;
              onChange([...rows, { key: '', value: '' }]);
            }}
          >
            Add label
          </button>
        </>
      )}
    </FieldGroup>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import type { ControlProps } from './field-frame.js';
import { lineType } from './line-type.js';
import type { ListSpec } from './schema-fields.js';

/** Rows of an array of strings or numbers: one input each, added and removed by buttons; a new row takes the focus. */
export function ListInput(props: { label: string; item: ListSpec['item']; rows: string[]; control: Omit<ControlProps, 'id'>; onChange(rows: string[]): void }) {
  const { label, item, rows, control, onChange } = props;
  const list = useRef<HTMLOListElement>(null);
  const added = useRef(false);

  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  }, [rows.length]);

  const add = () => {
    added.current = true;
    onChange([...rows, '']);
  };

  return (
    <>
      {rows.length > 0 ? (
        <ol class="list-rows" ref={list}>
          {rows.map((row, index) => (
            <li key={index} class="list-row">
              <input
                {...lineType(item.kind === 'number' ? 'text' : item.inputType)}
                inputMode={item.kind === 'number' ? (item.integer ? 'numeric' : 'decimal') : undefined}
                aria-label={`${label} ${index + 1}`}
                aria-invalid={control['aria-invalid']}
                aria-describedby={control['aria-describedby']}
                value={row}
                onInput={(event) => onChange(rows.map((other, position) => (position === index ? event.currentTarget.value : other)))}
              />
              <button type="button" class="secondary" aria-label={`Remove ${label} ${index + 1}`} onClick={() => onChange(rows.filter((_, position) => position !== index))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <button type="button" class="secondary add-row" aria-describedby={control['aria-describedby']} onClick={add}>
        Add {label}
      </button>
    </>
  );
}

import { useRef } from 'preact/hooks';

export interface MultiSelectOption {
  value: string;
  label: string;
}

/**
 * A filter of several values: a disclosure (`<details>`) holding a labelled group of checkboxes.
 * Escape closes it and returns focus to its button. Each tick applies at once.
 */
export function MultiSelect(props: { label: string; options: readonly MultiSelectOption[]; selected: readonly string[]; onChange(values: string[]): void }) {
  const details = useRef<HTMLDetailsElement>(null);
  const { label, options, selected } = props;
  const summary = selected.length === 0 ? 'any' : selected.length <= 2 ? selected.join(', ') : `${selected.length} selected`;

  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...selected, value] : selected.filter((item) => item !== value);
    // In the options' order, so one choice has one URL.
    props.onChange(options.map((option) => option.value).filter((option) => next.includes(option)));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !details.current?.open) return;
    details.current.open = false;
    details.current.querySelector('summary')?.focus();
  };

  return (
    <details class="multi-select" ref={details} onKeyDown={onKeyDown}>
      <summary>
        <span class="multi-select-label">{label}:</span> <span class="multi-select-value">{summary}</span>
      </summary>
      <fieldset>
        <legend>{label}</legend>
        {options.length === 0 ? <p class="muted">None available.</p> : null}
        {options.map((option) => (
          <label key={option.value} class="check">
            <input type="checkbox" checked={selected.includes(option.value)} onChange={(event) => toggle(option.value, event.currentTarget.checked)} />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}

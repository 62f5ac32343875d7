import { useId } from 'preact/hooks';

/** A choice among a column's values ("" for all), labelled by its own <label> so that its name is the label alone. */
export function FilterSelect(props: { label: string; value: string; options: { value: string; label: string }[]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div class="table-filter">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A text a column's values must contain. */
export function FilterSearch(props: { label: string; value: string; onInput(value: string): void }) {
  const id = useId();
  return (
    <div class="table-filter">
      <label for={id}>{props.label}</label>
      <input id={id} type="search" value={props.value} onInput={(event) => props.onInput(event.currentTarget.value)} />
    </div>
  );
}

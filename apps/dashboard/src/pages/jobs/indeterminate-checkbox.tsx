import { useEffect, useRef } from 'preact/hooks';

/** A checkbox that can show "some selected", which HTML sets only as a property, never as an attribute. */
export function IndeterminateCheckbox(props: { checked: boolean; indeterminate: boolean; label: string; onChange: (event: Event) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current) input.current.indeterminate = props.indeterminate;
  }, [props.indeterminate]);
  return (
    <input
      ref={input}
      type="checkbox"
      class="row-select"
      checked={props.checked}
      aria-checked={props.indeterminate ? 'mixed' : props.checked}
      aria-label={props.label}
      disabled={props.disabled}
      onChange={props.onChange}
    />
  );
}

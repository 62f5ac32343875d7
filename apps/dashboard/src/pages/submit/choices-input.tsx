import type { ControlProps } from './field-frame.js';
import { optionText } from './payload-values.js';
import type { JsonScalar } from './schema-fields.js';

/** A checkbox per option of an array of enum values; `checked` holds the options' JSON texts. */
export function ChoicesInput(props: { options: JsonScalar[]; checked: string[]; control: Omit<ControlProps, 'id'>; onChange(checked: string[]): void }) {
  const { options, checked, control, onChange } = props;
  const toggle = (option: string, on: boolean) => onChange(on ? [...checked, option] : checked.filter((value) => value !== option));
  return (
    <div class="choices-options">
      {options.map((option) => {
        const value = optionText(option);
        return (
          <label key={value} class="choice">
            <input type="checkbox" aria-invalid={control['aria-invalid']} checked={checked.includes(value)} onChange={(event) => toggle(value, event.currentTarget.checked)} />
            {option === null ? 'null' : String(option)}
          </label>
        );
      })}
    </div>
  );
}

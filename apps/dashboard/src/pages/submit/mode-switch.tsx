import { useReducer } from 'preact/hooks';
import type { EditMode } from './submit-draft.js';

const MODES: { value: EditMode; label: string }[] = [
  { value: 'form', label: 'Form' },
  { value: 'json', label: 'JSON' },
];

/** Form or JSON: a radio pair, so the current mode is announced and arrow keys switch it. */
export function ModeSwitch(props: { mode: EditMode; onChange(mode: EditMode): void }) {
  // A refused switch (JSON the form cannot hold) leaves the mode as it was; rendering again puts the
  // browser's checked radio back, even when no state changed.
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  return (
    <fieldset class="mode-switch">
      <legend>Edit as</legend>
      {MODES.map((mode) => (
        <label key={mode.value} class="choice">
          <input
            type="radio"
            name="edit-mode"
            value={mode.value}
            checked={props.mode === mode.value}
            onChange={() => {
              props.onChange(mode.value);
              rerender(undefined);
            }}
          />
          {mode.label}
        </label>
      ))}
    </fieldset>
  );
}

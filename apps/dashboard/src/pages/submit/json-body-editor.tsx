import { FieldFrame } from './field-frame.js';

export const JSON_BODY_PATH = 'body';

/** The whole request body as JSON text, sent as it is: the API judges it. */
export function JsonBodyEditor(props: { text: string; problem: string | null; onChange(text: string): void }) {
  return (
    <FieldFrame
      path={JSON_BODY_PATH}
      label="Request body (JSON)"
      required
      help={['The body of POST /v1/jobs: type, payload and the options. Switching back to the form works when the form can hold this body exactly.']}
      errors={props.problem ? [props.problem] : undefined}
    >
      {(control) => <textarea {...control} class="monospace json-body" rows={18} spellcheck={false} value={props.text} onInput={(event) => props.onChange(event.currentTarget.value)} />}
    </FieldFrame>
  );
}

import type { JobTypeInfo } from '@jobs/contracts';
import { JsonBodyEditor } from './json-body-editor.js';
import { ModeSwitch } from './mode-switch.js';
import { OptionsSection } from './options-section.js';
import { PayloadField } from './payload-field.js';
import { type FieldValue, type FormValues, initialValue } from './payload-values.js';
import { SubmitSummary } from './submit-summary.js';
import { SubmittedNotice } from './submitted-notice.js';
import { TypePicker } from './type-picker.js';
import { useSubmitForm } from './use-submit-form.js';

/**
 * The Submit page's form: a job type, its payload as fields generated from the type's JSON Schema
 * (or the whole body as JSON), the options, and the API's verdict beside the fields it names.
 */
export function SubmitForm(props: { types: JobTypeInfo[] }) {
  const form = useSubmitForm(props.types);
  const { type, spec, values, mode, placed } = form;

  return (
    <>
      {form.submittedJobId ? <SubmittedNotice jobId={form.submittedJobId} /> : null}
      {form.requested !== undefined && type === null ? (
        <p class="problem" role="alert">
          There is no job type “{form.requested}” here. Choose one of the types below.
        </p>
      ) : null}
      <form ref={form.formRef} class="submit-form" noValidate onSubmit={(event) => void form.submit(event)}>
        <SubmitSummary outcome={form.outcome} unplaced={placed.unplaced} placedCount={placed.byField.size} summaryRef={form.summaryRef} />
        <TypePicker types={props.types} selected={type} disabled={mode === 'json'} errors={placed.byField.get('type')} onChange={form.chooseType} />
        <ModeSwitch mode={mode} onChange={form.switchMode} />
        {mode === 'json' ? (
          <JsonBodyEditor text={form.jsonText} problem={form.jsonProblem} onChange={form.editJson} />
        ) : spec && values !== null ? (
          <fieldset class="payload-fields">
            <legend>Payload</legend>
            {spec.kind === 'object' && spec.fields.length === 0 ? <p class="muted">This job type takes no payload fields.</p> : null}
            {spec.kind === 'object' ? (
              spec.fields.map((field) => {
                const current: FormValues = isFormValues(values) ? values : {};
                return (
                  <PayloadField
                    key={`${type?.name}:${field.key}`}
                    spec={field}
                    value={current[field.key] ?? initialValue(field)}
                    errors={placed.byField}
                    onChange={(next, editedPath) => form.editValues({ ...current, [field.key]: next }, editedPath)}
                  />
                );
              })
            ) : (
              <PayloadField spec={spec} value={values} errors={placed.byField} onChange={form.editValues} />
            )}
          </fieldset>
        ) : null}
        <OptionsSection
          type={mode === 'form' ? type : null}
          values={form.options}
          onChange={form.editOptions}
          idempotencyKey={form.idempotencyKey}
          onIdempotencyKeyChange={form.setIdempotencyKey}
          errors={placed.byField}
          open={form.optionsOpen}
          onToggle={form.setOptionsOpen}
        />
        <div class="form-actions">
          <button type="submit" disabled={form.submitting}>
            {form.submitting ? 'Submitting…' : 'Submit job'}
          </button>
          <button type="button" class="secondary" onClick={form.clear}>
            Clear the form
          </button>
        </div>
      </form>
    </>
  );
}

function isFormValues(value: FieldValue): value is FormValues {
  return typeof value === 'object' && !Array.isArray(value);
}

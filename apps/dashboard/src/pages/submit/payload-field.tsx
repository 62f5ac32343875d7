import { Base64FileInput } from './base64-file-input.js';
import { ChoicesInput } from './choices-input.js';
import { FieldFrame, FieldGroup } from './field-frame.js';
import { lineType } from './line-type.js';
import { ListInput } from './list-input.js';
import { type FieldValue, type FormValues, initialValue, optionText } from './payload-values.js';
import type { FieldSpec } from './schema-fields.js';

export interface PayloadFieldProps {
  spec: FieldSpec;
  value: FieldValue;
  /** The field's new value, and the path of the control that changed (its errors are then stale). */
  onChange(value: FieldValue, editedPath: string): void;
  errors: ReadonlyMap<string, string[]>;
}

function helpOf(spec: FieldSpec): string[] {
  const help = [...(spec.description ? [spec.description] : []), ...spec.hints];
  return spec.kind === 'json' ? [...help, `Written as JSON: ${spec.reason}.`] : help;
}

const text = (value: FieldValue): string => (typeof value === 'string' ? value : '');
const rows = (value: FieldValue): string[] => (Array.isArray(value) ? value : []);
const fields = (value: FieldValue): FormValues => (typeof value === 'object' && !Array.isArray(value) ? value : {});

/** One property of the payload as the control its schema calls for; objects as a group of their own fields. */
export function PayloadField(props: PayloadFieldProps) {
  const { spec, value, onChange, errors } = props;
  const frame = { path: spec.path, label: spec.label, required: spec.required, help: helpOf(spec), errors: errors.get(spec.path) };
  const change = (next: FieldValue) => onChange(next, spec.path);

  switch (spec.kind) {
    case 'text':
      return (
        <FieldFrame {...frame}>
          {(control) => (
            <>
              {spec.multiline ? (
                <textarea
                  {...control}
                  class={spec.base64 ? 'monospace' : undefined}
                  rows={spec.base64 ? 4 : 6}
                  spellcheck={!spec.base64}
                  placeholder={spec.placeholder ?? undefined}
                  value={text(value)}
                  onInput={(event) => change(event.currentTarget.value)}
                />
              ) : (
                <input
                  {...control}
                  {...lineType(spec.inputType)}
                  placeholder={spec.placeholder ?? undefined}
                  value={text(value)}
                  onInput={(event) => change(event.currentTarget.value)}
                />
              )}
              {spec.base64 ? <Base64FileInput label={spec.label} onLoad={change} /> : null}
            </>
          )}
        </FieldFrame>
      );
    case 'number':
      return (
        <FieldFrame {...frame}>
          {(control) => (
            <input
              {...control}
              class="number-input"
              type="text"
              inputMode={spec.integer ? 'numeric' : 'decimal'}
              placeholder={spec.placeholder ?? undefined}
              value={text(value)}
              onInput={(event) => change(event.currentTarget.value)}
            />
          )}
        </FieldFrame>
      );
    case 'boolean':
      // A checkbox always gives a value, so a required boolean needs no mark.
      return (
        <FieldFrame {...frame} required={false}>
          {(control) =>
            spec.required ? (
              <input {...control} type="checkbox" checked={text(value) === 'true'} onChange={(event) => change(event.currentTarget.checked ? 'true' : 'false')} />
            ) : (
              <select {...control} value={text(value)} onChange={(event) => change(event.currentTarget.value)}>
                <option value="">Not set</option>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            )
          }
        </FieldFrame>
      );
    case 'choice':
      return (
        <FieldFrame {...frame}>
          {(control) => (
            <select {...control} value={text(value)} onChange={(event) => change(event.currentTarget.value)}>
              <option value="">{spec.required ? 'Choose…' : 'Not set'}</option>
              {spec.options.map((option) => (
                <option key={optionText(option)} value={optionText(option)}>
                  {option === null ? 'null' : String(option)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      );
    case 'choices':
      return (
        <FieldGroup {...frame} class="choices">
          {(control) => <ChoicesInput options={spec.options} checked={rows(value)} control={control} onChange={change} />}
        </FieldGroup>
      );
    case 'list':
      return (
        <FieldGroup {...frame}>
          {(control) => <ListInput label={spec.label} item={spec.item} rows={rows(value)} control={control} onChange={change} />}
        </FieldGroup>
      );
    case 'object': {
      const current = fields(value);
      return (
        <FieldGroup {...frame}>
          {() =>
            spec.fields.map((field) => (
              <PayloadField
                key={field.key}
                spec={field}
                value={current[field.key] ?? initialValue(field)}
                errors={errors}
                onChange={(next, editedPath) => onChange({ ...current, [field.key]: next }, editedPath)}
              />
            ))
          }
        </FieldGroup>
      );
    }
    case 'json':
      return (
        <FieldFrame {...frame}>
          {(control) => (
            <textarea
              {...control}
              class="monospace"
              rows={4}
              spellcheck={false}
              value={text(value)}
              onInput={(event) => change(event.currentTarget.value)}
            />
          )}
        </FieldFrame>
      );
  }
}

import type { ComponentChildren } from 'preact';
import { fieldIdOf } from './field-errors.js';

/** What a control needs to be labelled, described and marked invalid by its frame. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  'aria-required'?: 'true';
}

interface FrameProps {
  path: string;
  label: string;
  required: boolean;
  help: string[];
  errors: string[] | undefined;
}

function describedBy(id: string, help: string[], errors: string[] | undefined): { helpId?: string; errorId?: string; control: ControlProps } {
  const helpId = help.length > 0 ? `${id}-help` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const ids = [errorId, helpId].filter((value) => value !== undefined).join(' ');
  return { helpId, errorId, control: { id, ...(ids ? { 'aria-describedby': ids } : {}), ...(errorId ? { 'aria-invalid': 'true' } : {}) } };
}

/** Marks a field required: spoken from the control's aria-required, so the visible word is hidden from assistive technology there. */
function RequiredTag(props: { required: boolean; spoken: boolean }) {
  if (!props.required) return null;
  return (
    <span class="field-required" aria-hidden={props.spoken ? undefined : 'true'}>
      {' '}
      required
    </span>
  );
}

function FrameTexts(props: { helpId: string | undefined; errorId: string | undefined; help: string[]; errors: string[] | undefined }) {
  return (
    <>
      {props.errorId ? (
        <ul id={props.errorId} class="field-error">
          {(props.errors ?? []).map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      ) : null}
      {props.helpId ? (
        <p id={props.helpId} class="field-help">
          {props.help.join(' · ')}
        </p>
      ) : null}
    </>
  );
}

/** One control with its label, help text and errors (announced through aria-describedby). */
export function FieldFrame(props: FrameProps & { children: (control: ControlProps) => ComponentChildren }) {
  const { helpId, errorId, control } = describedBy(fieldIdOf(props.path), props.help, props.errors);
  return (
    <div class={`field${errorId ? ' field-invalid' : ''}`}>
      <label for={control.id}>
        {props.label}
        <RequiredTag required={props.required} spoken={false} />
      </label>
      {props.children(props.required ? { ...control, 'aria-required': 'true' } : control)}
      <FrameTexts helpId={helpId} errorId={errorId} help={props.help} errors={props.errors} />
    </div>
  );
}

/** Several controls under one legend (checkboxes, rows, an object's fields), described and marked invalid together; a group has no aria-required, so its legend says it. */
export function FieldGroup(props: FrameProps & { class?: string; children: (control: Omit<ControlProps, 'id'>) => ComponentChildren }) {
  const { helpId, errorId, control } = describedBy(fieldIdOf(props.path), props.help, props.errors);
  const { id, ...shared } = control;
  return (
    <fieldset id={id} class={`field-group${errorId ? ' field-invalid' : ''}${props.class ? ` ${props.class}` : ''}`} aria-describedby={shared['aria-describedby']}>
      <legend>
        {props.label}
        <RequiredTag required={props.required} spoken />
      </legend>
      <FrameTexts helpId={helpId} errorId={errorId} help={props.help} errors={props.errors} />
      {props.children(shared)}
    </fieldset>
  );
}

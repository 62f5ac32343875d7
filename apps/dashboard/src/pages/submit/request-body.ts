import type { CreateJobRequest } from '@jobs/contracts';
import { EMPTY_OPTIONS, type JobOptionValues, optionValuesOf, requestOptionsOf } from './job-options.js';
import { type FieldProblem, type FieldValue, isPlainObject, jsonFromValue, valueFromJson } from './payload-values.js';
import type { FieldSpec } from './schema-fields.js';

/** Everything the form holds for one submission. */
export interface SubmitFormState {
  type: string;
  payloadSpec: FieldSpec;
  values: FieldValue;
  options: JobOptionValues;
}

/** The `POST /v1/jobs` body the form stands for, and the form's own objections to it. */
export function requestOf(form: SubmitFormState): { request: CreateJobRequest; problems: FieldProblem[] } {
  const payload = jsonFromValue(form.payloadSpec, form.values);
  const { options, problems } = requestOptionsOf(form.options);
  const request: CreateJobRequest = { type: form.type, payload: isPlainObject(payload.value) ? payload.value : {}, ...options };
  return { request, problems: [...payload.problems, ...problems] };
}

/** JSON text as a value, or a sentence saying why it is no JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: `This is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** A request body as the form, or why the form cannot hold it exactly (then it stays JSON). */
export type FormFromBody = { ok: true; type: string; values: FieldValue; options: JobOptionValues } | { ok: false; reason: string };

/**
 * Reads a JSON request body into the form, when the form can hold it exactly: the form's own body must
 * come back equal to it (so nothing is silently dropped, retyped or added). A required field the body
 * lacks is fine: the form will ask for it.
 */
export function formOf(body: unknown, payloadSpecOf: (type: string) => FieldSpec | null): FormFromBody {
  if (!isPlainObject(body)) return { ok: false, reason: 'The request body must be a JSON object.' };
  const type = body['type'];
  if (typeof type !== 'string') return { ok: false, reason: 'The request body needs a "type" naming the job type.' };
  const payloadSpec = payloadSpecOf(type);
  if (payloadSpec === null) return { ok: false, reason: `There is no job type "${type}" to show a form for.` };
  const values = valueFromJson(payloadSpec, body['payload']);
  const options = { ...EMPTY_OPTIONS, ...optionValuesOf(body) };
  const { request, problems } = requestOf({ type, payloadSpec, values, options });
  const invalid = problems.find((problem) => problem.kind === 'invalid');
  const difference = invalid ? invalid.field : firstDifference(comparable(body), comparable(request));
  if (difference !== null) {
    return { ok: false, reason: `The form cannot show ${difference === '' ? 'this body' : difference} exactly as written: edit it as JSON, or change it.` };
  }
  return { ok: true, type, values, options };
}

/** `runAt` as its instant: the form writes the same instant in its own way. */
function comparable(body: Record<string, unknown> | CreateJobRequest): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...body };
  if (typeof copy['runAt'] === 'string' && !Number.isNaN(Date.parse(copy['runAt']))) copy['runAt'] = new Date(copy['runAt']).toISOString();
  // A payload the body lacks is sent as {}: the API says what it thinks of either.
  if (copy['payload'] === undefined) copy['payload'] = {};
  return copy;
}

/** The path of the first place two JSON values differ (`payload.tlds[2]`), `''` for the values themselves, or null when they are equal. */
export function firstDifference(left: unknown, right: unknown, path = ''): string | null {
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return path;
    for (let index = 0; index < left.length; index += 1) {
      const difference = firstDifference(left[index], right[index], `${path}[${index}]`);
      if (difference !== null) return difference;
    }
    return null;
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    for (const key of keys) {
      const difference = firstDifference(left[key], right[key], path === '' ? key : `${path}.${key}`);
      if (difference !== null) return difference;
    }
    return null;
  }
  return Object.is(left, right) ? null : path;
}

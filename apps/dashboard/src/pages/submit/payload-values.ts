import type { FieldError } from '@jobs/contracts';
import type { FieldSpec, JsonScalar } from './schema-fields.js';

/**
 * What a field holds while it is edited: the text of a line or a select (`''` when unset; a choice as
 * its option's JSON text; a boolean as `'true'`/`'false'`), the rows of a list or the checked options
 * of a group, or an object's fields by key.
 */
export type FieldValue = string | string[] | FormValues;
export interface FormValues {
  [key: string]: FieldValue;
}

/**
 * A check the form makes before asking the API: a required field left empty (`missing`) or text that
 * is no value of the field's type (`invalid`). Only the latter keeps the form from being shown as JSON.
 */
export interface FieldProblem extends FieldError {
  kind: 'missing' | 'invalid';
}

/** A field's value as JSON (`undefined`: left out of the payload) and what is wrong with it. */
export interface Converted {
  value: unknown;
  problems: FieldProblem[];
}

/** A new form's value: the schema's default, or empty. */
export function initialValue(spec: FieldSpec): FieldValue {
  switch (spec.kind) {
    case 'text':
      return spec.default ?? '';
    case 'number':
      return spec.default === null ? '' : String(spec.default);
    case 'boolean':
      return spec.default === null ? (spec.required ? 'false' : '') : String(spec.default);
    case 'choice':
      return spec.default === undefined ? '' : optionText(spec.default);
    case 'choices':
      return (spec.default ?? []).filter((value) => spec.options.includes(value)).map(optionText);
    case 'list':
      return (spec.default ?? []).map(rowText);
    case 'object':
      return Object.fromEntries(spec.fields.map((field) => [field.key, initialValue(field)]));
    case 'json':
      return spec.default === undefined ? '' : JSON.stringify(spec.default, null, 2);
  }
}

/** The field's value holding `json` (absent: `undefined`) as closely as the field can; compare the way back to see whether it did. */
export function valueFromJson(spec: FieldSpec, json: unknown): FieldValue {
  switch (spec.kind) {
    case 'text':
    case 'number':
      return json === undefined ? '' : typeof json === 'string' ? json : JSON.stringify(json);
    case 'boolean':
      return json === true ? 'true' : json === false ? 'false' : spec.required ? 'false' : '';
    case 'choice':
      return isScalar(json) && spec.options.includes(json) ? optionText(json) : '';
    case 'choices':
      return Array.isArray(json) ? json.filter((value) => isScalar(value) && spec.options.includes(value)).map(optionText) : [];
    case 'list':
      return Array.isArray(json) ? json.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : [];
    case 'object': {
      const object = isPlainObject(json) ? json : {};
      return Object.fromEntries(spec.fields.map((field) => [field.key, valueFromJson(field, object[field.key])]));
    }
    case 'json':
      return json === undefined ? '' : JSON.stringify(json, null, 2);
  }
}

/** The field's value as JSON: empty optional fields left out, numbers parsed. */
export function jsonFromValue(spec: FieldSpec, value: FieldValue): Converted {
  switch (spec.kind) {
    case 'text':
      return text(value) === '' ? absent(spec) : { value: text(value), problems: [] };
    case 'number': {
      const raw = text(value).trim();
      if (raw === '') return absent(spec);
      const parsed = parseNumber(raw, spec.integer);
      return typeof parsed === 'number' ? { value: parsed, problems: [] } : invalid(spec.path, `${spec.path} ${parsed}`);
    }
    case 'boolean':
      return text(value) === '' ? absent(spec) : { value: text(value) === 'true', problems: [] };
    case 'choice':
      return text(value) === '' ? absent(spec) : { value: JSON.parse(text(value)) as unknown, problems: [] };
    case 'choices': {
      // In the order they were checked (or read from JSON), so that a body read into the form comes back the same.
      const chosen = rows(value).flatMap((checked) => spec.options.filter((option) => optionText(option) === checked));
      return chosen.length === 0 && !spec.required ? { value: undefined, problems: [] } : { value: chosen, problems: [] };
    }
    case 'list':
      return listFromRows(spec, rows(value));
    case 'object':
      return objectFromValues(spec, isFormValues(value) ? value : {});
    case 'json': {
      const raw = text(value);
      if (raw.trim() === '') return absent(spec);
      try {
        return { value: JSON.parse(raw) as unknown, problems: [] };
      } catch (error) {
        return invalid(spec.path, `${spec.path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
}

function listFromRows(spec: Extract<FieldSpec, { kind: 'list' }>, values: string[]): Converted {
  const items: unknown[] = [];
  const problems: FieldProblem[] = [];
  values.forEach((row, index) => {
    if (row === '') return;
    if (spec.item.kind === 'text') {
      items.push(row);
      return;
    }
    const parsed = parseNumber(row.trim(), spec.item.integer);
    if (typeof parsed === 'number') items.push(parsed);
    else problems.push({ kind: 'invalid', field: `${spec.path}[${index}]`, message: `${spec.path}[${index}] ${parsed}` });
  });
  return { value: items.length === 0 && !spec.required ? undefined : items, problems };
}

function objectFromValues(spec: Extract<FieldSpec, { kind: 'object' }>, values: FormValues): Converted {
  const object: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const field of spec.fields) {
    const converted = jsonFromValue(field, values[field.key] ?? initialValue(field));
    problems.push(...converted.problems);
    if (converted.value !== undefined) object[field.key] = converted.value;
  }
  // An optional object none of whose fields is set is left out rather than sent empty (its required fields with it).
  const empty = Object.keys(object).length === 0 && !problems.some((problem) => problem.kind === 'invalid');
  return empty && !spec.required ? { value: undefined, problems: [] } : { value: object, problems };
}

/** Decimal numbers as people type them; `0x10`, `1_000` or a blank are not, though `Number()` takes them. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(raw: string, integer: boolean): number | string {
  if (!DECIMAL.test(raw)) return integer ? 'must be an integer' : 'must be a number';
  const parsed = Number(raw);
  if (!Number.isFinite(parsed)) return 'is too large a number';
  if (integer && !Number.isInteger(parsed)) return 'must be an integer';
  return parsed;
}

function absent(spec: FieldSpec): Converted {
  return spec.required ? { value: undefined, problems: [{ kind: 'missing', field: spec.path, message: `${spec.path} is required` }] } : { value: undefined, problems: [] };
}

function invalid(field: string, message: string): Converted {
  return { value: undefined, problems: [{ kind: 'invalid', field, message }] };
}

/** How a choice's option is held in a select or checkbox: its JSON text, which tells `1` from `"1"`. */
export function optionText(option: JsonScalar): string {
  return JSON.stringify(option);
}

function rowText(item: JsonScalar): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}

function text(value: FieldValue): string {
  return typeof value === 'string' ? value : '';
}

function rows(value: FieldValue): string[] {
  return Array.isArray(value) ? value : [];
}

function isFormValues(value: FieldValue): value is FormValues {
  return typeof value === 'object' && !Array.isArray(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is JsonScalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

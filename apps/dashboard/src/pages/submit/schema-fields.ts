/**
 * A job type's payload JSON Schema as form fields. Covers what our payload classes produce (strings
 * with length, pattern and format, enums, integers and numbers with bounds, booleans, arrays of
 * strings, numbers or enums, nested objects by `$ref` or inline) and falls back to a JSON text field
 * for anything else, so that no property is ever dropped from the form.
 */

export type JsonScalar = string | number | boolean | null;

interface FieldBase {
  /** The property's name in its object. */
  key: string;
  /** Where the API reports its errors: `payload.domain`, `payload.options.depth`. */
  path: string;
  label: string;
  required: boolean;
  description: string | null;
  /** The schema's constraints in words: `1 to 100,000`, `at most 253 characters`. */
  hints: string[];
  placeholder: string | null;
}

export interface TextSpec extends FieldBase {
  kind: 'text';
  multiline: boolean;
  inputType: 'text' | 'email' | 'url';
  /** Base64 content: the form offers to load it from a file. */
  base64: boolean;
  default: string | null;
}

export interface NumberSpec extends FieldBase {
  kind: 'number';
  integer: boolean;
  default: number | null;
}

export interface BooleanSpec extends FieldBase {
  kind: 'boolean';
  default: boolean | null;
}

/** One of a fixed set (an `enum`): a select. */
export interface ChoiceSpec extends FieldBase {
  kind: 'choice';
  options: JsonScalar[];
  default: JsonScalar | undefined;
}

/** An array of enum values: a group of checkboxes. */
export interface ChoicesSpec extends FieldBase {
  kind: 'choices';
  options: JsonScalar[];
  default: JsonScalar[] | null;
}

/** An array of strings or numbers: rows to add and remove. */
export interface ListSpec extends FieldBase {
  kind: 'list';
  item: { kind: 'text' | 'number'; integer: boolean; inputType: TextSpec['inputType'] };
  default: JsonScalar[] | null;
}

export interface ObjectSpec extends FieldBase {
  kind: 'object';
  fields: FieldSpec[];
}

/** A schema the form has no control for: edited as JSON text, never left out. */
export interface JsonSpec extends FieldBase {
  kind: 'json';
  reason: string;
  default: unknown;
}

export type FieldSpec = TextSpec | NumberSpec | BooleanSpec | ChoiceSpec | ChoicesSpec | ListSpec | ObjectSpec | JsonSpec;

type Schema = Record<string, unknown>;

/** Strings this long or longer (or unbounded with no format) get a text area rather than a line. */
const MULTILINE_FROM_LENGTH = 1024;
const MAX_REF_DEPTH = 16;
const COMBINATORS = ['anyOf', 'oneOf', 'allOf', 'not', 'if'] as const;

/** The form of a payload schema: an object's fields, or one JSON field when the schema is no object with properties. */
export function payloadSpecOf(schema: Schema): FieldSpec {
  const spec = fieldOf(schema, { root: schema, key: 'payload', path: 'payload', required: true, depth: 0 });
  // A payload written as JSON and left empty is sent as {}: the API says whether the type needs more.
  return spec.kind === 'json' ? { ...spec, required: false } : spec;
}

interface Context {
  root: Schema;
  key: string;
  path: string;
  required: boolean;
  depth: number;
}

function fieldOf(raw: Schema, context: Context): FieldSpec {
  const resolved = resolveRef(raw, context.root, context.depth);
  if (typeof resolved === 'string') return jsonField(raw, context, resolved);
  const schema = resolved;
  const combinator = COMBINATORS.find((name) => name in schema);
  if (combinator) return jsonField(schema, context, `its schema combines others (${combinator})`);
  if (Array.isArray(schema['enum'])) return choiceField(schema, context, schema['enum']);
  if ('const' in schema) return choiceField(schema, context, [schema['const']]);
  const type = schema['type'] ?? (isObject(schema['properties']) ? 'object' : undefined);
  switch (type) {
    case 'string':
      return textField(schema, context);
    case 'integer':
    case 'number':
      return { ...base(schema, context, numberHints(schema, type === 'integer')), kind: 'number', integer: type === 'integer', default: numberOr(schema['default']) };
    case 'boolean':
      return { ...base(schema, context, []), kind: 'boolean', default: typeof schema['default'] === 'boolean' ? schema['default'] : null };
    case 'array':
      return arrayField(schema, context);
    case 'object':
      return objectField(schema, context);
    default:
      return jsonField(schema, context, Array.isArray(type) ? `it may be one of several types (${type.join(', ')})` : 'its schema names no type the form knows');
  }
}

/** Follows local `$ref`s (`#/definitions/X`, `#/$defs/X`); a reason instead when one cannot be followed. */
function resolveRef(schema: Schema, root: Schema, depth: number): Schema | string {
  let current = schema;
  for (let hops = 0; typeof current['$ref'] === 'string'; hops += 1) {
    if (hops + depth > MAX_REF_DEPTH) return 'its schema refers to itself';
    const ref = current['$ref'];
    const match = /^#\/(definitions|\$defs)\/([^/]+)$/.exec(ref);
    const definitions = match ? root[match[1] as string] : undefined;
    const target = match && isObject(definitions) ? definitions[decodeURIComponent(match[2] as string)] : undefined;
    if (!isObject(target)) return `its schema refers to ${ref}, which the document does not include`;
    // Keywords beside a $ref (a description, say) describe this use of it.
    const { $ref: _followed, ...beside } = current;
    current = { ...target, ...beside };
  }
  return current;
}

function textField(schema: Schema, context: Context): TextSpec {
  const format = typeof schema['format'] === 'string' ? schema['format'] : null;
  const maxLength = numberOr(schema['maxLength']);
  const inputType = format === 'email' ? 'email' : format === 'uri' || format === 'url' ? 'url' : 'text';
  const base64 = schema['contentEncoding'] === 'base64' || /Base64$/.test(context.key);
  return {
    ...base(schema, context, stringHints(schema)),
    kind: 'text',
    multiline: base64 || (format === null && (maxLength === null || maxLength >= MULTILINE_FROM_LENGTH)),
    inputType,
    base64,
    default: typeof schema['default'] === 'string' ? schema['default'] : null,
  };
}

function choiceField(schema: Schema, context: Context, values: unknown[]): FieldSpec {
  if (!values.every(isScalar)) return jsonField(schema, context, 'its choices are not plain values');
  const fallback = schema['default'];
  return { ...base(schema, context, []), kind: 'choice', options: values, default: isScalar(fallback) && values.includes(fallback) ? fallback : undefined };
}

function arrayField(schema: Schema, context: Context): FieldSpec {
  const items = schema['items'];
  if (!isObject(items)) return jsonField(schema, context, 'its items have no single schema');
  const item = resolveRef(items, context.root, context.depth + 1);
  if (typeof item === 'string') return jsonField(schema, context, `its items' ${item.replace(/^its /, '')}`);
  if (COMBINATORS.some((name) => name in item)) return jsonField(schema, context, 'its items combine schemas');
  const hints = arrayHints(schema);
  const fallback = Array.isArray(schema['default']) && schema['default'].every(isScalar) ? schema['default'] : null;
  if (Array.isArray(item['enum'])) {
    const options = item['enum'];
    if (!options.every(isScalar)) return jsonField(schema, context, 'its choices are not plain values');
    return { ...base(schema, context, hints), kind: 'choices', options, default: fallback };
  }
  const type = item['type'];
  if (type === 'string' || type === 'integer' || type === 'number') {
    const format = typeof item['format'] === 'string' ? item['format'] : null;
    const itemHints = type === 'string' ? stringHints(item) : numberHints(item, type === 'integer');
    return {
      ...base(schema, context, [...hints, ...itemHints.map((hint) => `each ${hint}`)]),
      kind: 'list',
      item: {
        kind: type === 'string' ? 'text' : 'number',
        integer: type === 'integer',
        inputType: format === 'email' ? 'email' : format === 'uri' ? 'url' : 'text',
      },
      default: fallback,
    };
  }
  return jsonField(schema, context, 'its items are not strings, numbers or choices');
}

function objectField(schema: Schema, context: Context): FieldSpec {
  const properties = schema['properties'];
  if (!isObject(properties) || Object.keys(properties).length === 0) {
    // No properties and no others allowed: the only value is {}, which needs no control.
    if (schema['additionalProperties'] === false) return { ...base(schema, context, []), kind: 'object', fields: [] };
    return jsonField(schema, context, 'it is an object with no listed properties');
  }
  const required = Array.isArray(schema['required']) ? schema['required'].filter((name) => typeof name === 'string') : [];
  const fields = Object.entries(properties).map(([key, property]) =>
    isObject(property)
      ? fieldOf(property, { root: context.root, key, path: `${context.path}.${key}`, required: required.includes(key), depth: context.depth + 1 })
      : jsonField({}, { ...context, key, path: `${context.path}.${key}`, required: required.includes(key) }, 'its schema is not an object'),
  );
  return { ...base(schema, context, []), kind: 'object', fields };
}

function jsonField(schema: Schema, context: Context, reason: string): JsonSpec {
  return { ...base(schema, context, []), kind: 'json', reason, default: schema['default'] };
}

function base(schema: Schema, context: Context, hints: string[]): FieldBase {
  const examples = schema['examples'];
  const example = Array.isArray(examples) && isScalar(examples[0]) && examples[0] !== null ? String(examples[0]) : null;
  return {
    key: context.key,
    path: context.path,
    label: typeof schema['title'] === 'string' && schema['title'] !== '' ? schema['title'] : context.key,
    required: context.required,
    description: typeof schema['description'] === 'string' && schema['description'] !== '' ? schema['description'] : null,
    hints,
    placeholder: example,
  };
}

function stringHints(schema: Schema): string[] {
  const minLength = numberOr(schema['minLength']);
  const maxLength = numberOr(schema['maxLength']);
  const hints: string[] = [];
  if (minLength !== null && maxLength !== null) hints.push(`${count(minLength)} to ${count(maxLength)} characters`);
  else if (maxLength !== null) hints.push(`at most ${count(maxLength)} characters`);
  else if (minLength !== null) hints.push(`at least ${count(minLength)} characters`);
  if (typeof schema['format'] === 'string') hints.push(`format ${schema['format']}`);
  if (typeof schema['pattern'] === 'string') hints.push(`matching ${schema['pattern']}`);
  return hints;
}

function numberHints(schema: Schema, integer: boolean): string[] {
  const noun = integer ? 'an integer' : 'a number';
  const minimum = numberOr(schema['minimum']);
  const maximum = numberOr(schema['maximum']);
  const above = numberOr(schema['exclusiveMinimum']);
  const below = numberOr(schema['exclusiveMaximum']);
  const bounds = [
    minimum !== null && maximum !== null ? `from ${count(minimum)} to ${count(maximum)}` : null,
    minimum !== null && maximum === null ? `of at least ${count(minimum)}` : null,
    maximum !== null && minimum === null ? `of at most ${count(maximum)}` : null,
    above !== null ? `above ${count(above)}` : null,
    below !== null ? `below ${count(below)}` : null,
  ].filter((bound) => bound !== null);
  if (typeof schema['multipleOf'] === 'number') bounds.push(`a multiple of ${count(schema['multipleOf'])}`);
  return [bounds.length === 0 ? noun : `${noun} ${bounds.join(', ')}`];
}

function arrayHints(schema: Schema): string[] {
  const minItems = numberOr(schema['minItems']);
  const maxItems = numberOr(schema['maxItems']);
  const hints: string[] = [];
  if (minItems !== null && maxItems !== null) hints.push(`${count(minItems)} to ${count(maxItems)} values`);
  else if (maxItems !== null) hints.push(`at most ${count(maxItems)} values`);
  else if (minItems !== null) hints.push(`at least ${count(minItems)} ${minItems === 1 ? 'value' : 'values'}`);
  if (schema['uniqueItems'] === true) hints.push('no repeats');
  return hints;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

function count(value: number): string {
  return COUNT_FORMAT.format(value);
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is JsonScalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

import { describe, expect, it } from '@jest/globals';
import { type FieldSpec, payloadSpecOf } from './schema-fields.js';
import { SERVED_SCHEMAS, servedSchema } from './served-schemas.fixture.js';

function fieldsOf(schema: Record<string, unknown>): FieldSpec[] {
  const spec = payloadSpecOf(schema);
  if (spec.kind !== 'object') throw new Error(`expected an object form, got ${spec.kind}`);
  return spec.fields;
}

function field(schema: Record<string, unknown>, key: string): FieldSpec {
  const found = fieldsOf(schema).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
}

describe('payload schema → form fields', () => {
  it('gives text.indicators a required text area with its length bounds as a hint', () => {
    expect(fieldsOf(servedSchema('text.indicators'))).toEqual([
      {
        kind: 'text',
        key: 'text',
        path: 'payload.text',
        label: 'text',
        required: true,
        description: null,
        hints: ['1 to 1,000,000 characters'],
        placeholder: null,
        multiline: true,
        inputType: 'text',
        base64: false,
        default: null,
      },
    ]);
  });

  it('gives domain.similar a line, a checkbox group of fuzzers, rows of suffixes with their pattern, and a bounded integer', () => {
    const schema = servedSchema('domain.similar');
    expect(field(schema, 'domain')).toMatchObject({ kind: 'text', required: true, multiline: false, hints: ['at most 253 characters'] });
    const fuzzers = field(schema, 'fuzzers');
    expect(fuzzers).toMatchObject({ kind: 'choices', required: false, hints: ['at least 1 value'] });
    expect(fuzzers.kind === 'choices' && fuzzers.options).toHaveLength(15);
    expect(field(schema, 'tlds')).toMatchObject({
      kind: 'list',
      item: { kind: 'text', integer: false, inputType: 'text' },
      hints: ['at most 1,000 values', 'each matching ^[a-z0-9-]{2,63}(\\.[a-z0-9-]{2,63})*$'],
    });
    expect(field(schema, 'limit')).toMatchObject({ kind: 'number', integer: true, required: false, hints: ['an integer from 1 to 100,000'] });
  });

  it('gives sample.analyze a base64 text area with its description, and the optional fields', () => {
    const schema = servedSchema('sample.analyze');
    expect(field(schema, 'contentBase64')).toMatchObject({
      kind: 'text',
      multiline: true,
      base64: true,
      required: true,
      description: 'Base64 of at most 10485760 bytes.',
    });
    expect(field(schema, 'filename')).toMatchObject({ kind: 'text', multiline: false, required: false });
    expect(field(schema, 'maxStrings')).toMatchObject({ kind: 'number', hints: ['an integer from 0 to 10,000'] });
  });

  it('gives diagnostics.sleep integers and an optional boolean, and bench.noop an integer as large as JSON safely holds', () => {
    expect(fieldsOf(servedSchema('diagnostics.sleep')).map((spec) => [spec.key, spec.kind, spec.required])).toEqual([
      ['durationMs', 'number', true],
      ['steps', 'number', false],
      ['failAttempts', 'number', false],
      ['ignoreAbort', 'boolean', false],
    ]);
    expect(field(servedSchema('bench.noop'), 'sequence')).toMatchObject({ hints: ['an integer from 0 to 9,007,199,254,740,991'] });
  });

  it('has a control for every property of every served type: none falls back to JSON', () => {
    for (const schema of Object.values(SERVED_SCHEMAS)) expect(fieldsOf(schema).filter((spec) => spec.kind === 'json')).toEqual([]);
  });

  it('takes titles, descriptions, defaults, examples and formats from the schema', () => {
    const schema = {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['fast', 'thorough'], default: 'fast', description: 'How hard to look.' },
        contact: { type: 'string', format: 'email', title: 'Contact e-mail', examples: ['ops@example.com'] },
        callback: { type: 'string', format: 'uri' },
        ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.5 },
        verbose: { type: 'boolean', default: true },
        levels: { type: 'array', items: { type: 'integer', minimum: 0 }, default: [1, 2] },
      },
    };
    expect(field(schema, 'mode')).toMatchObject({ kind: 'choice', options: ['fast', 'thorough'], default: 'fast', description: 'How hard to look.' });
    expect(field(schema, 'contact')).toMatchObject({ kind: 'text', label: 'Contact e-mail', inputType: 'email', placeholder: 'ops@example.com', hints: ['format email'] });
    expect(field(schema, 'callback')).toMatchObject({ kind: 'text', inputType: 'url', multiline: false });
    expect(field(schema, 'ratio')).toMatchObject({ kind: 'number', integer: false, default: 0.5, hints: ['a number of at most 1, above 0'] });
    expect(field(schema, 'verbose')).toMatchObject({ kind: 'boolean', default: true });
    expect(field(schema, 'levels')).toMatchObject({ kind: 'list', item: { kind: 'number', integer: true }, default: [1, 2], hints: ['each an integer of at least 0'] });
  });

  it('nests objects, inline or by $ref, with their own required fields and paths', () => {
    const schema = {
      type: 'object',
      required: ['target'],
      properties: {
        target: { $ref: '#/definitions/Target', description: 'What to scan.' },
        extra: { properties: { note: { type: 'string' } } },
      },
      definitions: { Target: { type: 'object', required: ['host'], properties: { host: { type: 'string' }, port: { type: 'integer' } } } },
    };
    const target = field(schema, 'target');
    expect(target).toMatchObject({ kind: 'object', required: true, description: 'What to scan.', path: 'payload.target' });
    expect(target.kind === 'object' && target.fields.map((spec) => [spec.path, spec.kind, spec.required])).toEqual([
      ['payload.target.host', 'text', true],
      ['payload.target.port', 'number', false],
    ]);
    expect(field(schema, 'extra')).toMatchObject({ kind: 'object', required: false });
  });

  it('keeps every construct it has no control for as a JSON field, saying why, rather than dropping it', () => {
    const schema = {
      type: 'object',
      properties: {
        either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        nullable: { type: ['string', 'null'] },
        missing: { $ref: '#/definitions/Nowhere' },
        loop: { $ref: '#/definitions/Loop' },
        rows: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
        tuple: { type: 'array', items: [{ type: 'string' }] },
        free: { type: 'object', default: { a: 1 } },
        anything: {},
        odd: true,
      },
      definitions: { Loop: { $ref: '#/definitions/Loop' } },
    };
    const fallbacks = fieldsOf(schema).map((spec) => [spec.key, spec.kind, spec.kind === 'json' ? spec.reason : null]);
    expect(fallbacks).toEqual([
      ['either', 'json', 'its schema combines others (anyOf)'],
      ['nullable', 'json', 'it may be one of several types (string, null)'],
      ['missing', 'json', 'its schema refers to #/definitions/Nowhere, which the document does not include'],
      ['loop', 'json', 'its schema refers to itself'],
      ['rows', 'json', 'its items are not strings, numbers or choices'],
      ['tuple', 'json', 'its items have no single schema'],
      ['free', 'json', 'it is an object with no listed properties'],
      ['anything', 'json', 'its schema names no type the form knows'],
      ['odd', 'json', 'its schema is not an object'],
    ]);
    expect(field(schema, 'free')).toMatchObject({ default: { a: 1 } });
  });

  it('makes a payload schema that is no object with properties one JSON field for the whole payload, and one that allows only {} no field at all', () => {
    expect(payloadSpecOf({ type: 'object' })).toMatchObject({ kind: 'json', path: 'payload', required: false });
    expect(payloadSpecOf({ type: 'object', properties: {}, additionalProperties: false })).toMatchObject({ kind: 'object', fields: [] });
  });
});

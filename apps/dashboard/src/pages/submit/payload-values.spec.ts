import { describe, expect, it } from '@jest/globals';
import { type FormValues, initialValue, jsonFromValue, valueFromJson } from './payload-values.js';
import { payloadSpecOf } from './schema-fields.js';
import { servedSchema } from './served-schemas.fixture.js';

const domainSimilar = payloadSpecOf(servedSchema('domain.similar'));
const sleep = payloadSpecOf(servedSchema('diagnostics.sleep'));

describe('form values ↔ payload', () => {
  it('starts empty where the schema has no default, and leaves empty optional fields out of the payload', () => {
    const values = initialValue(domainSimilar);
    expect(values).toEqual({ domain: '', fuzzers: [], tlds: [], limit: '' });
    expect(jsonFromValue(domainSimilar, { ...(values as FormValues), domain: 'example.com' })).toEqual({ value: { domain: 'example.com' }, problems: [] });
  });

  it('sends text exactly as typed, numbers parsed, choices in the order checked, and non-empty rows', () => {
    const values: FormValues = { domain: ' bücher.de ', fuzzers: ['"various"', '"addition"'], tlds: ['net', '', 'co.uk'], limit: ' 250 ' };
    expect(jsonFromValue(domainSimilar, values)).toEqual({
      value: { domain: ' bücher.de ', fuzzers: ['various', 'addition'], tlds: ['net', 'co.uk'], limit: 250 },
      problems: [],
    });
  });

  it('reports a required field left empty as missing and text that is no number as invalid, at their paths', () => {
    expect(jsonFromValue(domainSimilar, { domain: '', fuzzers: [], tlds: [], limit: '12.5' }).problems).toEqual([
      { kind: 'missing', field: 'payload.domain', message: 'payload.domain is required' },
      { kind: 'invalid', field: 'payload.limit', message: 'payload.limit must be an integer' },
    ]);
    for (const notANumber of ['0x10', '1_000', 'ten', '1e999']) {
      expect(jsonFromValue(sleep, { durationMs: notANumber, steps: '', failAttempts: '', ignoreAbort: '' }).problems).toMatchObject([{ kind: 'invalid', field: 'payload.durationMs' }]);
    }
  });

  it('leaves range and length checks to the API: out-of-range numbers and over-long text are sent as they are', () => {
    expect(jsonFromValue(domainSimilar, { domain: 'x'.repeat(300), fuzzers: [], tlds: [], limit: '0' })).toEqual({
      value: { domain: 'x'.repeat(300), limit: 0 },
      problems: [],
    });
  });

  it('holds an optional boolean as unset, true or false; a required one as a checkbox', () => {
    const values = initialValue(sleep) as FormValues;
    expect(values['ignoreAbort']).toBe('');
    expect(jsonFromValue(sleep, { ...values, durationMs: '10', ignoreAbort: 'false' }).value).toEqual({ durationMs: 10, ignoreAbort: false });
    const required = payloadSpecOf({ type: 'object', required: ['dryRun'], properties: { dryRun: { type: 'boolean' } } });
    expect(initialValue(required)).toEqual({ dryRun: 'false' });
    expect(jsonFromValue(required, initialValue(required)).value).toEqual({ dryRun: false });
  });

  it('prefills defaults, and tells a numeric choice from a string one', () => {
    const spec = payloadSpecOf({
      type: 'object',
      properties: {
        level: { enum: [1, '1', null], default: 1 },
        tags: { type: 'array', items: { type: 'string' }, default: ['a', 'b'] },
        scores: { type: 'array', items: { type: 'number' } },
      },
    });
    const values = initialValue(spec) as FormValues;
    expect(values).toEqual({ level: '1', tags: ['a', 'b'], scores: [] });
    expect(jsonFromValue(spec, { ...values, level: '"1"', scores: ['1.5', 'x'] })).toEqual({
      value: { level: '1', tags: ['a', 'b'], scores: [1.5] },
      problems: [{ kind: 'invalid', field: 'payload.scores[1]', message: 'payload.scores[1] must be a number' }],
    });
    expect(jsonFromValue(spec, { ...values, level: 'null' }).value).toMatchObject({ level: null });
  });

  it('nests objects, leaving out an optional one with nothing set, required fields and all', () => {
    const spec = payloadSpecOf({
      type: 'object',
      properties: {
        target: { type: 'object', required: ['host'], properties: { host: { type: 'string' }, port: { type: 'integer' } } },
      },
    });
    expect(jsonFromValue(spec, initialValue(spec))).toEqual({ value: {}, problems: [] });
    expect(jsonFromValue(spec, { target: { host: '', port: '8080' } })).toEqual({
      value: { target: { port: 8080 } },
      problems: [{ kind: 'missing', field: 'payload.target.host', message: 'payload.target.host is required' }],
    });
  });

  it('parses a JSON field and says why when it cannot', () => {
    const spec = payloadSpecOf({ type: 'object', properties: { either: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } });
    expect(jsonFromValue(spec, { either: '  ' }).value).toEqual({});
    expect(jsonFromValue(spec, { either: '{"a": [1]}' }).value).toEqual({ either: { a: [1] } });
    expect(jsonFromValue(spec, { either: '{a' }).problems).toMatchObject([{ kind: 'invalid', field: 'payload.either', message: expect.stringContaining('payload.either is not valid JSON') }]);
  });

  it('sends {} for a payload with no fields, and for an empty JSON payload', () => {
    const none = payloadSpecOf({ type: 'object', properties: {}, additionalProperties: false });
    expect(jsonFromValue(none, initialValue(none))).toEqual({ value: {}, problems: [] });
    const free = payloadSpecOf({ type: 'object' });
    expect(jsonFromValue(free, initialValue(free))).toEqual({ value: undefined, problems: [] });
    expect(jsonFromValue(free, '{"any": 1}')).toEqual({ value: { any: 1 }, problems: [] });
  });

  it('reads a payload back into the form, absent fields empty rather than defaulted', () => {
    const spec = payloadSpecOf({ type: 'object', properties: { mode: { enum: ['a', 'b'], default: 'a' }, n: { type: 'integer' } } });
    expect(valueFromJson(spec, { n: 3 })).toEqual({ mode: '', n: '3' });
    expect(valueFromJson(domainSimilar, { domain: 'example.com', fuzzers: ['plural', 'nope'], tlds: ['net'] })).toEqual({
      domain: 'example.com',
      fuzzers: ['"plural"'],
      tlds: ['net'],
      limit: '',
    });
  });
});

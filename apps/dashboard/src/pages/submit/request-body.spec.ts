import { describe, expect, it } from '@jest/globals';
import { EMPTY_OPTIONS } from './job-options.js';
import { firstDifference, formOf, parseJson, requestOf } from './request-body.js';
import { payloadSpecOf } from './schema-fields.js';
import { SERVED_SCHEMAS } from './served-schemas.fixture.js';

const specOf = (type: string) => {
  const schema = SERVED_SCHEMAS[type];
  return schema ? payloadSpecOf(schema) : null;
};

describe('the whole request body ↔ the form', () => {
  it('puts type, payload and the options set into one body', () => {
    const payloadSpec = payloadSpecOf(SERVED_SCHEMAS['text.indicators'] ?? {});
    expect(requestOf({ type: 'text.indicators', payloadSpec, values: { text: 'see 10.0.0.1' }, options: { ...EMPTY_OPTIONS, priority: '7' } })).toEqual({
      request: { type: 'text.indicators', payload: { text: 'see 10.0.0.1' }, priority: 7 },
      problems: [],
    });
  });

  it('reads a body the form can hold exactly, and comes back to the same body', () => {
    const body = {
      type: 'domain.similar',
      payload: { domain: 'example.com', fuzzers: ['addition', 'tld-swap'], tlds: ['net'], limit: 20 },
      priority: -1,
      runAt: '2030-06-01T10:00:00Z',
      maxAttempts: 2,
      metadata: { ticket: 'OPS-1' },
      webhook: { url: 'https://hooks.example.com' },
    };
    const form = formOf(body, specOf);
    if (!form.ok) throw new Error(form.reason);
    expect(form.type).toBe('domain.similar');
    const payloadSpec = specOf('domain.similar');
    if (!payloadSpec) throw new Error('no spec');
    const { request, problems } = requestOf({ type: form.type, payloadSpec, values: form.values, options: form.options });
    expect(problems).toEqual([]);
    expect({ ...request, runAt: new Date(request.runAt ?? '').toISOString() }).toEqual({ ...body, runAt: '2030-06-01T10:00:00.000Z' });
  });

  it('reads a body that lacks a required field: the form asks for it on submission', () => {
    expect(formOf({ type: 'text.indicators', payload: {} }, specOf)).toMatchObject({ ok: true, values: { text: '' } });
    expect(formOf({ type: 'text.indicators' }, specOf)).toMatchObject({ ok: true });
  });

  it('keeps a body the form would change as JSON, naming the first field it cannot hold', () => {
    const cases: [unknown, string][] = [
      [[1], 'The request body must be a JSON object.'],
      [{ payload: {} }, 'The request body needs a "type" naming the job type.'],
      [{ type: 'no.such', payload: {} }, 'There is no job type "no.such" to show a form for.'],
      [{ type: 'text.indicators', payload: { text: '' } }, 'payload.text'],
      [{ type: 'text.indicators', payload: { text: 5 } }, 'payload.text'],
      [{ type: 'text.indicators', payload: { text: 'x', extra: true } }, 'payload.extra'],
      [{ type: 'domain.similar', payload: { domain: 'a.b', fuzzers: ['nope'] } }, 'payload.fuzzers'],
      [{ type: 'domain.similar', payload: { domain: 'a.b', limit: '5' } }, 'payload.limit'],
      [{ type: 'domain.similar', payload: { domain: 'a.b', limit: 'many' } }, 'payload.limit'],
      [{ type: 'text.indicators', payload: { text: 'x' }, metadata: { n: 1 } }, 'metadata.n'],
      [{ type: 'text.indicators', payload: { text: 'x' }, runAt: '2030-01-01T00:00:00Z', delaySeconds: 5 }, 'delaySeconds'],
      [{ type: 'text.indicators', payload: 'text' }, 'payload'],
      [{ type: 'text.indicators', payload: { text: 'x' }, note: 'hi' }, 'note'],
    ];
    for (const [body, named] of cases) {
      const form = formOf(body, specOf);
      expect(form.ok).toBe(false);
      expect(form.ok ? '' : form.reason).toContain(named);
    }
  });

  it('finds the first difference between two JSON values', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe('a[1].b');
    expect(firstDifference({ a: [1] }, { a: [1, 2] })).toBe('a');
    expect(firstDifference({ a: 1 }, { a: 1, b: undefined })).toBeNull();
    expect(firstDifference(1, '1')).toBe('');
  });

  it('parses JSON text, or says why it is none', () => {
    expect(parseJson(' {"a": [1]} ')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseJson('{"type": ')).toMatchObject({ ok: false, problem: expect.stringMatching(/^This is not valid JSON \(.+\)\.$/) });
  });
});

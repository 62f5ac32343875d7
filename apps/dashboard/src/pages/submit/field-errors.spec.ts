import { describe, expect, it } from '@jest/globals';
import { fieldIdOf, holderOf, payloadFieldPaths, placeFieldErrors } from './field-errors.js';
import { payloadSpecOf } from './schema-fields.js';
import { servedSchema } from './served-schemas.fixture.js';

describe('placing the API’s field errors', () => {
  const visible = ['type', 'payload.domain', 'payload.tlds', 'payload.limit', 'priority', 'metadata', 'webhook.url'];

  it('puts each error beside its field or the field that holds it, and the rest in the summary', () => {
    const placed = placeFieldErrors(
      [
        { field: 'payload.domain', message: 'payload.domain must be a domain name' },
        { field: 'payload.tlds[2]', message: 'each value in tlds must be a suffix' },
        { field: 'payload.domain', message: 'payload.domain must be shorter' },
        { field: 'payload.extra', message: 'property payload.extra should not exist' },
        { field: 'payload', message: 'payload must be an object' },
        { field: 'webhook.url', message: 'webhook.url must be an http(s) URL' },
        { field: 'priority', message: 'priority must not be greater than 100' },
      ],
      visible,
    );
    expect(Object.fromEntries(placed.byField)).toEqual({
      'payload.domain': ['payload.domain must be a domain name', 'payload.domain must be shorter'],
      'payload.tlds': ['each value in tlds must be a suffix'],
      'webhook.url': ['webhook.url must be an http(s) URL'],
      priority: ['priority must not be greater than 100'],
    });
    expect(placed.unplaced.map((error) => error.field)).toEqual(['payload.extra', 'payload']);
  });

  it('prefers the nearest holder and never takes a name for a prefix of another', () => {
    expect(holderOf('payload.target.host', ['payload.target', 'payload.target.host'])).toBe('payload.target.host');
    expect(holderOf('payload.target.port', ['payload.target', 'payload.target.host'])).toBe('payload.target');
    expect(holderOf('payload.limits', ['payload.limit'])).toBeNull();
  });

  it('lists the paths of a payload form, nested objects included, or the payload itself when it is one JSON field', () => {
    expect(payloadFieldPaths(payloadSpecOf(servedSchema('domain.similar')))).toEqual(['payload.domain', 'payload.fuzzers', 'payload.tlds', 'payload.limit']);
    const nested = payloadSpecOf({ type: 'object', properties: { target: { type: 'object', properties: { host: { type: 'string' } } } } });
    expect(payloadFieldPaths(nested)).toEqual(['payload.target', 'payload.target.host']);
    expect(payloadFieldPaths(payloadSpecOf({ type: 'object' }))).toEqual(['payload']);
  });

  it('makes DOM ids that differ for every path and hold no character an id selector would choke on', () => {
    const ids = ['payload.a_b', 'payload.a.b', 'payload.a-b', 'payload.tlds[0]', 'payload.ü'].map(fieldIdOf);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

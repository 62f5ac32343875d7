import { describe, expect, it } from '@jest/globals';
import { METADATA_LIMITS, metadataProblem } from './metadata.js';

describe('metadataProblem', () => {
  it('accepts flat labels of strings, finite numbers and booleans', () => {
    expect(metadataProblem({ ticket: 'IR-1', retries: 3, urgent: false, ratio: 0.5 })).toBeNull();
    expect(metadataProblem({})).toBeNull();
  });

  it.each([
    [null, 'must be an object of labels'],
    [['a'], 'must be an object of labels'],
    ['text', 'must be an object of labels'],
    [{ nested: { a: 1 } }, 'value of "nested" must be a string, a finite number or a boolean'],
    [{ list: [1] }, 'value of "list" must be a string, a finite number or a boolean'],
    [{ empty: null }, 'value of "empty" must be a string, a finite number or a boolean'],
    [{ infinite: Number.POSITIVE_INFINITY }, 'value of "infinite" must be a string, a finite number or a boolean'],
    [{ '': 'x' }, `keys must be 1 to ${METADATA_LIMITS.maxKeyLength} characters`],
    [{ ['k'.repeat(65)]: 'x' }, `keys must be 1 to ${METADATA_LIMITS.maxKeyLength} characters`],
    [{ long: 'v'.repeat(513) }, `value of "long" must be at most ${METADATA_LIMITS.maxValueLength} characters`],
  ])('refuses %j', (value, problem) => {
    expect(metadataProblem(value)).toBe(problem);
  });

  it('refuses more keys than the limit', () => {
    const many = Object.fromEntries(Array.from({ length: METADATA_LIMITS.maxKeys + 1 }, (_, index) => [`k${index}`, index]));
    expect(metadataProblem(many)).toBe(`must have at most ${METADATA_LIMITS.maxKeys} keys`);
  });
});

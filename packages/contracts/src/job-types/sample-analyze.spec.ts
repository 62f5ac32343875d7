import { describe, expect, it } from '@jest/globals';
import { decodedBase64Length } from './sample-analyze.js';

describe('decodedBase64Length', () => {
  it('counts the bytes base64 decodes to', () => {
    for (const length of [0, 1, 2, 3, 4, 1000]) expect(decodedBase64Length(Buffer.alloc(length).toString('base64'))).toBe(length);
  });
});

import { describe, expect, it } from '@jest/globals';
import { requestFingerprint } from './request-fingerprint.js';

describe('requestFingerprint', () => {
  it('ignores key order but not values, kinds or array order', () => {
    const body = { type: 't', payload: { a: 1, b: [1, 2] } };
    expect(requestFingerprint('jobs', body)).toBe(requestFingerprint('jobs', { payload: { b: [1, 2], a: 1 }, type: 't' }));
    expect(requestFingerprint('jobs', body)).not.toBe(requestFingerprint('jobs', { ...body, priority: 1 }));
    expect(requestFingerprint('jobs', body)).not.toBe(requestFingerprint('batch', body));
    expect(requestFingerprint('jobs', body)).not.toBe(requestFingerprint('jobs', { type: 't', payload: { a: 1, b: [2, 1] } }));
  });
});

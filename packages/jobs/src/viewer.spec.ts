import { describe, expect, it } from '@jest/globals';
import { type JobScope, scopeKey } from './viewer.js';

describe('scopeKey', () => {
  it('gives each scope its own key, whatever separators subjects and organisations hold', () => {
    const scopes: JobScope[] = [
      { kind: 'all' },
      { kind: 'owner', ownerId: 'all' },
      { kind: 'owner', ownerId: 'a' },
      { kind: 'member', sub: 'a', org: null },
      { kind: 'member', sub: 'a', org: '' },
      { kind: 'member', sub: 'a:b', org: null },
      { kind: 'member', sub: 'a', org: 'b:' },
      { kind: 'member', sub: 'a:b', org: '' },
      { kind: 'member', sub: 'a', org: 'b' },
    ];
    expect(new Set(scopes.map(scopeKey)).size).toBe(scopes.length);
    expect(scopeKey({ kind: 'member', sub: 'a', org: 'b' })).toBe(scopeKey({ kind: 'member', sub: 'a', org: 'b' }));
  });
});

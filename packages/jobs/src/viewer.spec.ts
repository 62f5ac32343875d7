import { describe, expect, it } from '@jest/globals';
import { type JobScope, scopeIncludes, scopeKey } from './viewer.js';

describe('scopeIncludes', () => {
  const jobs = {
    alicePrivate: { ownerId: 'alice', orgId: null },
    aliceAtAcme: { ownerId: 'alice', orgId: 'acme' },
    bobAtAcme: { ownerId: 'bob', orgId: 'acme' },
    carolAtGlobex: { ownerId: 'carol', orgId: 'globex' },
    carolPrivate: { ownerId: 'carol', orgId: null },
  };
  const included = (scope: JobScope): string[] =>
    Object.entries(jobs)
      .filter(([, job]) => scopeIncludes(scope, job))
      .map(([name]) => name);

  it('gives a member their own jobs, wherever submitted, and their organisation\'s', () => {
    expect(included({ kind: 'member', sub: 'alice', org: 'acme' })).toEqual(['alicePrivate', 'aliceAtAcme', 'bobAtAcme']);
    expect(included({ kind: 'member', sub: 'bob', org: 'acme' })).toEqual(['aliceAtAcme', 'bobAtAcme']);
  });

  it('gives someone without an organisation only their own jobs: a job without one is nobody else\'s', () => {
    expect(included({ kind: 'member', sub: 'carol', org: null })).toEqual(['carolAtGlobex', 'carolPrivate']);
    expect(included({ kind: 'member', sub: 'dave', org: null })).toEqual([]);
  });

  it('gives one owner\'s jobs for `owner`, and every job for `all`', () => {
    expect(included({ kind: 'owner', ownerId: 'carol' })).toEqual(['carolAtGlobex', 'carolPrivate']);
    expect(included({ kind: 'owner', ownerId: 'acme' })).toEqual([]);
    expect(included({ kind: 'all' })).toEqual(Object.keys(jobs));
  });
});

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

import { describe, expect, it } from '@jest/globals';
import { feedIncludes } from './feed-filter.js';

describe('feedIncludes', () => {
  const job = { type: 'text.indicators', ownerId: 'alice', orgId: 'acme' };

  it('takes the jobs of its scope, of any type without a type filter', () => {
    expect(feedIncludes({ scope: { kind: 'member', sub: 'bob', org: 'acme' }, types: null }, job)).toBe(true);
    expect(feedIncludes({ scope: { kind: 'member', sub: 'bob', org: 'globex' }, types: null }, job)).toBe(false);
  });

  it('takes only the listed types with a type filter, and never a job outside its scope', () => {
    expect(feedIncludes({ scope: { kind: 'all' }, types: new Set(['text.indicators', 'domain.similar']) }, job)).toBe(true);
    expect(feedIncludes({ scope: { kind: 'all' }, types: new Set(['domain.similar']) }, job)).toBe(false);
    expect(feedIncludes({ scope: { kind: 'owner', ownerId: 'bob' }, types: new Set(['text.indicators']) }, job)).toBe(false);
  });
});

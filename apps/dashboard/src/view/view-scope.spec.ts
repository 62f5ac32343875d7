import { describe, expect, it } from '@jest/globals';
import type { CallerResponse } from '@jobs/contracts';
import { viewScopeOf, viewScopeQuery } from './view-scope.js';

const admin: CallerResponse = { sub: 'ada', org: 'acme', roles: ['admin'], admin: true, tokenExpiresAt: null };
const member: CallerResponse = { sub: 'bob', org: 'acme', roles: [], admin: false, tokenExpiresAt: null };

describe('view scope', () => {
  it('lets admins choose and keeps everyone else on their own and organisation jobs', () => {
    expect(viewScopeOf('all', admin)).toBe('all');
    expect(viewScopeOf('mine', admin)).toBe('mine');
    expect(viewScopeOf('bogus', admin)).toBe('org');
    expect(viewScopeOf(undefined, admin)).toBe('org');
    expect(viewScopeOf('all', member)).toBe('org');
  });

  it('maps each view to the API query that shows it', () => {
    expect(viewScopeQuery('all', admin)).toEqual({ scope: 'all' });
    expect(viewScopeQuery('mine', admin)).toEqual({ ownerId: 'ada' });
    expect(viewScopeQuery('org', member)).toEqual({});
  });
});

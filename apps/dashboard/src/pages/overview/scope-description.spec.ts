import { describe, expect, it } from '@jest/globals';
import type { CallerResponse } from '@jobs/contracts';
import { scopeDescription } from './scope-description.js';

const member: CallerResponse = { sub: 'bob', org: 'acme', roles: [], admin: false, tokenExpiresAt: null };
const loner: CallerResponse = { ...member, org: null };

describe('scopeDescription', () => {
  it('names whose jobs are counted', () => {
    expect(scopeDescription('org', member)).toBe('Your jobs and organisation acme’s');
    expect(scopeDescription('org', loner)).toBe('Your jobs');
    expect(scopeDescription('mine', member)).toBe('Your jobs');
    expect(scopeDescription('all', member)).toBe('Every owner’s jobs');
  });
});

import { describe, expect, it } from '@jest/globals';
import { fairShareGroup, tenantSlotLimit } from './fair-share.js';

describe('fair share', () => {
  it('counts a job for its owner, or its organisation when the type shares by organisation and the job has one', () => {
    expect(fairShareGroup({ ownerId: 'u1', orgId: 'acme' }, { by: 'owner', share: 0.5 })).toBe('owner:u1');
    expect(fairShareGroup({ ownerId: 'u1', orgId: 'acme' }, { by: 'organisation', share: 0.5 })).toBe('org:acme');
    expect(fairShareGroup({ ownerId: 'u1', orgId: null }, { by: 'organisation', share: 0.5 })).toBe('owner:u1');
  });

  it('turns a share of a worker’s slots into a number of running entries, at least one', () => {
    expect(tenantSlotLimit({ by: 'owner', share: 0.5 }, 4)).toBe(2);
    expect(tenantSlotLimit({ by: 'owner', share: 0.5 }, 5)).toBe(2);
    expect(tenantSlotLimit({ by: 'owner', share: 1 }, 8)).toBe(8);
    expect(tenantSlotLimit({ by: 'owner', share: 0.1 }, 4)).toBe(1);
  });
});

import { describe, expect, it } from '@jest/globals';
import { principalFromClaims } from './principal.js';

describe('principalFromClaims', () => {
  it('reads subject, organisation and roles', () => {
    expect(principalFromClaims({ sub: 'alice', org: 'acme', roles: ['admin', 'viewer'], exp: 1_900_000_000 })).toEqual({
      sub: 'alice',
      org: 'acme',
      roles: ['admin', 'viewer'],
      isAdmin: true,
      expiresAt: 1_900_000_000,
    });
  });

  it('defaults to no organisation and no roles', () => {
    expect(principalFromClaims({ sub: 'bob' })).toEqual({ sub: 'bob', org: null, roles: [], isAdmin: false, expiresAt: null });
  });

  it('ignores malformed org and role claims instead of trusting them', () => {
    expect(principalFromClaims({ sub: 'carol', org: 42, roles: 'admin', exp: '2030' })).toEqual({ sub: 'carol', org: null, roles: [], isAdmin: false, expiresAt: null });
    expect(principalFromClaims({ sub: 'dave', roles: [{ name: 'admin' }, 'ops'] })).toMatchObject({ roles: ['ops'], isAdmin: false });
  });

  it('refuses tokens without a usable subject', () => {
    for (const sub of [undefined, '', 7, 'x'.repeat(256)]) expect(principalFromClaims({ sub })).toBeNull();
  });
});

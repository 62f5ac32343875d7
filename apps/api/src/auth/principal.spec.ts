import { describe, expect, it } from '@jest/globals';
import { type ClaimsMapping, DEFAULT_CLAIMS_MAPPING, principalFromClaims } from './principal.js';

const mapping = (overrides: Partial<ClaimsMapping>): ClaimsMapping => ({ ...DEFAULT_CLAIMS_MAPPING, ...overrides });

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
    expect(principalFromClaims({ sub: 'carol', org: 42, roles: { admin: true }, exp: '2030' })).toEqual({ sub: 'carol', org: null, roles: [], isAdmin: false, expiresAt: null });
    expect(principalFromClaims({ sub: 'dave', roles: [{ name: 'admin' }, 'ops'] })).toMatchObject({ roles: ['ops'], isAdmin: false });
    expect(principalFromClaims({ sub: 'erin', org: 'x'.repeat(256) })).toMatchObject({ org: null });
  });

  it('refuses tokens without a usable subject', () => {
    for (const sub of [undefined, '', 7, 'x'.repeat(256)]) expect(principalFromClaims({ sub })).toBeNull();
  });

  it("maps Keycloak's nested realm_access.roles and a custom subject claim", () => {
    const claims = { sub: 'f3c1-uuid', preferred_username: 'alice', tenant: 'acme', realm_access: { roles: ['offline_access', 'jobs-admin'] } };
    expect(principalFromClaims(claims, mapping({ subjectClaim: 'preferred_username', orgClaim: 'tenant', rolesClaim: 'realm_access.roles', adminRole: 'jobs-admin' }))).toMatchObject({
      sub: 'alice',
      org: 'acme',
      roles: ['offline_access', 'jobs-admin'],
      isAdmin: true,
    });
  });

  it('reads a namespaced claim by its whole name (Auth0), dots and slashes included', () => {
    const claims = { sub: 'auth0|42', 'https://jobs.example.com/org': 'acme', 'https://jobs.example.com/roles': ['admin'] };
    expect(principalFromClaims(claims, mapping({ orgClaim: 'https://jobs.example.com/org', rolesClaim: 'https://jobs.example.com/roles' }))).toMatchObject({
      org: 'acme',
      roles: ['admin'],
      isAdmin: true,
    });
  });

  it('splits a space-separated scope and reads groups', () => {
    expect(principalFromClaims({ sub: 'svc', scope: 'jobs:read  admin jobs:write' }, mapping({ rolesClaim: 'scope' }))).toMatchObject({
      roles: ['jobs:read', 'admin', 'jobs:write'],
      isAdmin: true,
    });
    expect(principalFromClaims({ sub: 'gina', groups: ['ops'] }, mapping({ rolesClaim: 'groups' }))).toMatchObject({ roles: ['ops'], isAdmin: false });
  });

  it('finds nothing through arrays or missing segments of a path', () => {
    const roles = mapping({ rolesClaim: 'realm_access.roles', orgClaim: 'a.b.c' });
    expect(principalFromClaims({ sub: 'h', realm_access: [{ roles: ['admin'] }], a: { b: 'acme' } }, roles)).toMatchObject({ org: null, roles: [], isAdmin: false });
  });
});

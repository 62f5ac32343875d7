import { describe, expect, it } from '@jest/globals';
import { dashboardLink } from './dashboard-link.js';

describe('the dashboard sign-in link', () => {
  it("puts the token in the fragment of the dashboard's address, under the API's own path", () => {
    expect(dashboardLink('http://localhost:3000', 'aaa.bbb.ccc')).toBe('http://localhost:3000/dashboard/#token=aaa.bbb.ccc');
    expect(dashboardLink('https://example.test/jobs-api', 'aaa.bbb-_.ccc')).toBe('https://example.test/jobs-api/dashboard/#token=aaa.bbb-_.ccc');
  });

  it('encodes what a fragment cannot carry as is', () => {
    const link = new URL(dashboardLink('http://localhost:3000', 'a b#c&d=e'));
    expect(link.hash).toBe('#token=a%20b%23c%26d%3De');
    expect(new URLSearchParams(link.hash.slice(1)).get('token')).toBe('a b#c&d=e');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallerResponse } from '@jobs/contracts';
import { mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** What a browser sends when it navigates to a page. */
const NAVIGATION_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('the dashboard as the API serves it', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** The page and the script and stylesheet it names. */
  async function entryFiles(): Promise<{ page: string; script: string; stylesheet: string }> {
    const page = await stack.client.get<string>('/dashboard/');
    expect(page.status).toBe(200);
    const script = /<script type="module" crossorigin src="(\/dashboard\/assets\/[^"]+\.js)"><\/script>/.exec(page.body)?.[1];
    const stylesheet = /<link rel="stylesheet" crossorigin href="(\/dashboard\/assets\/[^"]+\.css)">/.exec(page.body)?.[1];
    if (!script || !stylesheet) throw new Error(`the dashboard page names no script or stylesheet: ${page.body}`);
    return { page: page.body, script, stylesheet };
  }

  it('sends browsers from / to the dashboard, and everyone else the JSON index', async () => {
    const browser = await fetch(`${stack.api.url}/`, { headers: { accept: NAVIGATION_ACCEPT }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/dashboard/');
    expect(browser.headers.get('vary')).toContain('Accept');
    const curl = await stack.client.get<{ links: { dashboard: string } }>('/', { headers: { accept: '*/*' } });
    expect(curl.body.links.dashboard).toBe('/dashboard/');
    const slashless = await fetch(`${stack.api.url}/dashboard`, { redirect: 'manual' });
    expect([slashless.status, slashless.headers.get('location')]).toEqual([301, '/dashboard/']);
  });

  it('serves the same page for every page path, revalidated on each load, under a CSP that allows no inline script', async () => {
    const { page } = await entryFiles();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const path of ['/dashboard/', '/dashboard/overview', '/dashboard/jobs/0b6f1d3e-4b1a-4f55-9a43-3c52a4d0e6c1']) {
      const response = await stack.client.get<string>(path);
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 200, body: page });
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("script-src-attr 'none'");
    }
  });

  it('serves hashed assets for a year, compressed as the browser allows, and 304 for a known ETag', async () => {
    const { script, stylesheet } = await entryFiles();
    const plain = await stack.client.get<string>(script, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);

    // fetch would decompress by itself: node:http-level bytes through a raw request are what a browser gets.
    for (const encoding of ['br', 'gzip'] as const) {
      const raw = await rawGet(`${stack.api.url}${script}`, { 'accept-encoding': encoding });
      expect(raw.headers['content-encoding']).toBe(encoding);
      const decoded = encoding === 'br' ? brotliDecompressSync(raw.body) : gunzipSync(raw.body);
      expect(decoded.toString('utf8')).toBe(plain.body);
      expect(raw.body.length).toBeLessThan(decoded.length / 2);
    }

    const again = await fetch(`${stack.api.url}${script}`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect((await stack.client.get(stylesheet)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers a missing asset with a NOT_FOUND problem, and never serves files outside its build', async () => {
    for (const path of ['/dashboard/assets/missing.js', '/dashboard/assets/..%2F.vite%2Fmanifest.json', '/dashboard/.vite/manifest.json', '/dashboard/jobs/x/y']) {
      const response = await stack.client.get<{ code: string }>(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });
});

describe('GET /v1/me', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('says who the API takes the caller to be, and when the token expires', async () => {
    const sub = uniqueSubject('me');
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    const response = await stack.client.withToken(mintToken({ sub, org: 'acme', roles: ['admin', 'auditor'], exp: expiresAt })).get<CallerResponse>('/v1/me');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sub, org: 'acme', roles: ['admin', 'auditor'], admin: true, tokenExpiresAt: new Date(expiresAt * 1000).toISOString() });

    const plain = await stack.client.withToken(mintToken({ sub, org: '', roles: { admin: true } as unknown as string[] })).get<CallerResponse>('/v1/me');
    expect(plain.body).toMatchObject({ sub, org: null, roles: [], admin: false });
    // A space-separated string is a list of roles, as OAuth's `scope` is.
    const scoped = await stack.client.withToken(mintToken({ sub, roles: 'auditor admin' as unknown as string[] })).get<CallerResponse>('/v1/me');
    expect(scoped.body).toMatchObject({ sub, roles: ['auditor', 'admin'], admin: true });
  });
});

/** A GET through node:http, so the body arrives as sent (fetch would decode its Content-Encoding). */
async function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { get } = await import('node:http');
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

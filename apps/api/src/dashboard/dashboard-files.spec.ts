import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DashboardFiles, IMMUTABLE_CACHE, preferredEncoding, REVALIDATE_CACHE } from './dashboard-files.js';

function builtDashboard(): string {
  const directory = mkdtempSync(join(tmpdir(), 'dashboard-'));
  mkdirSync(join(directory, 'assets'));
  mkdirSync(join(directory, '.vite'));
  writeFileSync(join(directory, 'index.html'), '<!doctype html><script type="module" src="/dashboard/assets/index-abc.js"></script>');
  writeFileSync(join(directory, 'assets', 'index-abc.js'), 'console.log("dashboard");\n'.repeat(200));
  writeFileSync(join(directory, '.vite', 'manifest.json'), '{}');
  return directory;
}

describe('DashboardFiles', () => {
  it('serves index.html to be revalidated and hashed assets to be kept a year', () => {
    const files = DashboardFiles.load(builtDashboard());
    expect(files.index?.cacheControl).toBe(REVALIDATE_CACHE);
    expect(files.index?.contentType).toBe('text/html; charset=utf-8');
    const script = files.asset('assets/index-abc.js');
    expect(script?.cacheControl).toBe(IMMUTABLE_CACHE);
    expect(script?.contentType).toBe('text/javascript; charset=utf-8');
    expect(script?.etag).toMatch(/^"[\w-]{22}"$/);
  });

  it('serves nothing outside assets/ but index.html, and not the build manifest', () => {
    const files = DashboardFiles.load(builtDashboard());
    expect(files.asset('.vite/manifest.json')).toBeNull();
    expect(files.asset('index.html')).toBeNull();
    expect(files.asset('assets/../index.html')).toBeNull();
    expect(files.asset('assets/missing.js')).toBeNull();
  });

  it('compresses with brotli or gzip, whichever the browser takes, to the same bytes', () => {
    const script = DashboardFiles.load(builtDashboard()).asset('assets/index-abc.js');
    const original = script?.body('identity');
    expect(brotliDecompressSync(script?.body('br') ?? Buffer.alloc(0))).toEqual(original);
    expect(gunzipSync(script?.body('gzip') ?? Buffer.alloc(0))).toEqual(original);
    expect((script?.body('br').length ?? 0) < (original?.length ?? 0)).toBe(true);
    expect(script?.encodingFor('gzip, deflate, br')).toBe('br');
  });

  it('has no index when the dashboard was not built', () => {
    expect(DashboardFiles.load(join(tmpdir(), 'no-such-dashboard')).index).toBeNull();
  });
});

describe('preferredEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('gzip')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('identity')).toBe('identity');
    expect(preferredEncoding(undefined)).toBe('identity');
  });
});

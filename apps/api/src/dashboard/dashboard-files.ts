import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map']);

/** Vite names every file in assets/ by a hash of its content: it never changes, so browsers keep it a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: browsers revalidate it on every load (cheap, with its ETag). */
export const REVALIDATE_CACHE = 'no-cache';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** One built file, held in memory: the dashboard is a few hundred kilobytes. */
export interface DashboardFile {
  contentType: string;
  etag: string;
  cacheControl: string;
  body(encoding: ContentEncoding): Buffer;
  /** The encoding to send for an `Accept-Encoding` header. */
  encodingFor(acceptEncoding: string | undefined): ContentEncoding;
}

/**
 * The built dashboard (`vite build` output), read once at boot: index.html for every page path, and the
 * hashed files under assets/. Compressed bodies are made on first request and kept.
 */
export class DashboardFiles {
  private constructor(
    private readonly files: Map<string, DashboardFile>,
    readonly index: DashboardFile | null,
  ) {}

  /** Null index when the dashboard was not built (its page then answers 404 saying so). */
  static load(directory: string): DashboardFiles {
    const files = new Map<string, DashboardFile>();
    if (existsSync(directory)) {
      for (const path of listFiles(directory)) {
        const name = relative(directory, path).split(sep).join('/');
        if (name.startsWith('.vite/')) continue;
        files.set(name, fileOf(readFileSync(path), extname(name), name.startsWith('assets/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE));
      }
    }
    return new DashboardFiles(files, files.get('index.html') ?? null);
  }

  /** A built asset by its path below the dashboard (`assets/index-3f2a.js`). */
  asset(path: string): DashboardFile | null {
    return path.startsWith('assets/') ? (this.files.get(path) ?? null) : null;
  }
}

function fileOf(content: Buffer, extension: string, cacheControl: string): DashboardFile {
  const compressible = COMPRESSIBLE.has(extension) && content.length > 1024;
  const bodies = new Map<ContentEncoding, Buffer>([['identity', content]]);
  return {
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(content).digest('base64url').slice(0, 22)}"`,
    cacheControl,
    encodingFor: (acceptEncoding) => (compressible ? preferredEncoding(acceptEncoding) : 'identity'),
    body(encoding) {
      let body = bodies.get(encoding);
      if (body === undefined) {
        body = encoding === 'br' ? brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }) : gzipSync(content, { level: 9 });
        bodies.set(encoding, body);
      }
      return body;
    },
  };
}

/** Brotli when the browser takes it, else gzip, else none; a `q=0` refuses an encoding. */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return 'identity';
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}

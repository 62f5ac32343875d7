import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { apiUrl, connectionFailure, InvalidApiUrlError } from './api-address.js';

/** A port that was free a moment ago: nothing listens there. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the API address of the jobs command', () => {
  it('takes --url, else JOBS_API_URL (empty counts as unset), else the default', () => {
    expect(apiUrl('http://api.example/', 'http://ignored')).toBe('http://api.example');
    expect(apiUrl(undefined, 'https://jobs.example:8443')).toBe('https://jobs.example:8443');
    expect(apiUrl(undefined, '')).toBe('http://localhost:3000');
    expect(apiUrl(undefined, undefined)).toBe('http://localhost:3000');
  });

  it('refuses what is not an http(s) URL, naming where it came from', () => {
    expect(() => apiUrl(undefined, 'localhost:3000')).toThrow(new InvalidApiUrlError('JOBS_API_URL is not an http(s) URL: "localhost:3000"'));
    expect(() => apiUrl('ftp://x', undefined)).toThrow('--url is not an http(s) URL: "ftp://x"');
    expect(() => apiUrl('', undefined)).toThrow('--url is not an http(s) URL: ""');
  });

  it('tells a failed connection, through wrapping errors, from other errors', async () => {
    const refused = await fetch(`http://127.0.0.1:${await closedPort()}/`).catch((error: unknown) => error);
    expect(connectionFailure(refused)).toBe('ECONNREFUSED');
    expect(connectionFailure(new Error('the stream kept closing', { cause: refused }))).toBe('ECONNREFUSED');
    expect(connectionFailure(new Error('400 VALIDATION_FAILED'))).toBeUndefined();
    expect(connectionFailure('fetch failed')).toBeUndefined();
  });
});

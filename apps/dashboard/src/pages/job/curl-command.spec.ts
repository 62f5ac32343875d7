import { describe, expect, it } from '@jest/globals';
import { curlCommand } from './curl-command.js';

describe('curlCommand', () => {
  it('names the job on the API and leaves the token to the shell', () => {
    expect(curlCommand('https://jobs.example', '0b7f2c1e-8a4d-4f5e-9c3b-2d1a0e9f8b7c')).toBe(
      'curl -s https://jobs.example/v1/jobs/0b7f2c1e-8a4d-4f5e-9c3b-2d1a0e9f8b7c -H "Authorization: Bearer $JOBS_TOKEN"',
    );
  });

  it('encodes the id so that it stays one path segment and one shell word', () => {
    expect(curlCommand('http://127.0.0.1:3000', 'a b/$c')).toBe('curl -s http://127.0.0.1:3000/v1/jobs/a%20b%2F%24c -H "Authorization: Bearer $JOBS_TOKEN"');
  });
});

import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadEnvironment } from '@jobs/runtime';
import { jwtVerificationSettings } from '../auth/jwt-settings.js';
import { ApiEnvironment, apiEnvironmentProblems } from './api-environment.js';
import { DEVELOPMENT_JWT_SECRET } from './development-secret.js';

const DATABASE_URL = 'postgresql://jobs:jobs@db:5432/jobs';
const load = (env: Record<string, string>) => loadEnvironment(ApiEnvironment, { DATABASE_URL, ...env }, apiEnvironmentProblems);

describe('ApiEnvironment', () => {
  it('applies defaults and converts numbers', () => {
    const env = load({ PORT: '8080' });
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 8080, HOST: '0.0.0.0', BODY_LIMIT_BYTES: 1_048_576, ENABLE_DIAGNOSTIC_JOBS: false });
  });

  it('lists every invalid variable at once', () => {
    const load = () => loadEnvironment(ApiEnvironment, { PORT: 'eighty', NODE_ENV: 'staging' }, apiEnvironmentProblems);
    expect(load).toThrow('  - PORT: PORT must be an integer number');
    expect(load).toThrow('  - NODE_ENV: NODE_ENV must be one of the following values: development, production, test');
    expect(load).toThrow('  - DATABASE_URL: DATABASE_URL is required (or DATABASE_URL_FILE, or PGHOST with PGUSER, PGPASSWORD and PGDATABASE)');
  });

  it('reads its secrets from the files <NAME>_FILE names', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'api-secrets-'));
    try {
      const secrets = { JWT_SECRET: 'a-jwt-secret-of-32-characters-or-more!', CURSOR_SECRET: 'cursor-secret-16+', WEBHOOK_SECRET: 'webhook-secret-16+' };
      for (const [name, value] of Object.entries(secrets)) await writeFile(join(folder, name), `${value}\n`);
      const env = load(Object.fromEntries(Object.keys(secrets).map((name) => [`${name}_FILE`, join(folder, name)])));
      expect(env).toMatchObject(secrets);
      expect(() => load({ JWT_SECRET: secrets.JWT_SECRET, JWT_SECRET_FILE: join(folder, 'JWT_SECRET') })).toThrow('JWT_SECRET: set JWT_SECRET or JWT_SECRET_FILE, not both');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start in production with a missing, default or short secret', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow('JWT_SECRET or JWT_PUBLIC_KEY is required in production');
    expect(() => load({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow('JWT_SECRET is the development default');
    expect(() => load({ NODE_ENV: 'production', JWT_SECRET: 'sixteen-chars-ok' })).toThrow('at least 32 characters in production');
    expect(() => load({ NODE_ENV: 'production', JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' })).toThrow('placeholder from .env.example');
    expect(load({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-sufficient-length' }).NODE_ENV).toBe('production');
  });

  it('takes a secret or a public key, not both', () => {
    expect(() => load({ JWT_SECRET: 'a-secret-that-is-long-enough', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx' })).toThrow('not both');
  });
});

describe('jwtVerificationSettings', () => {
  it('pins HS256 for a secret, falling back to the development secret outside production', () => {
    expect(jwtVerificationSettings(load({}))).toEqual({ key: DEVELOPMENT_JWT_SECRET, algorithms: ['HS256'], usesDevelopmentSecret: true });
    expect(jwtVerificationSettings(load({ JWT_SECRET: 'a-secret-that-is-long-enough', JWT_ISSUER: 'iss', JWT_AUDIENCE: 'aud' }))).toEqual({
      key: 'a-secret-that-is-long-enough',
      algorithms: ['HS256'],
      usesDevelopmentSecret: false,
      issuer: 'iss',
      audience: 'aud',
    });
  });

  it('pins RS256 and ES256 for a public key', () => {
    const key = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----';
    expect(jwtVerificationSettings(load({ JWT_PUBLIC_KEY: key }))).toEqual({ key, algorithms: ['RS256', 'ES256'], usesDevelopmentSecret: false });
  });
});

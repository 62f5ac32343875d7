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
    expect(() => load({ NODE_ENV: 'production' })).toThrow('JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL is required in production');
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
  const claims = { subjectClaim: 'sub', orgClaim: 'org', rolesClaim: 'roles', adminRole: 'admin' };

  it('pins HS256 for a secret, falling back to the development secret outside production', () => {
    expect(jwtVerificationSettings(load({}))).toEqual({
      secret: DEVELOPMENT_JWT_SECRET,
      publicKey: null,
      jwksUrl: null,
      algorithms: ['HS256'],
      usesDevelopmentSecret: true,
      keyMaterial: DEVELOPMENT_JWT_SECRET,
      claims,
    });
    expect(jwtVerificationSettings(load({ JWT_SECRET: 'a-secret-that-is-long-enough', JWT_ISSUER: 'iss', JWT_AUDIENCE: 'aud' }))).toMatchObject({
      secret: 'a-secret-that-is-long-enough',
      algorithms: ['HS256'],
      usesDevelopmentSecret: false,
      issuer: 'iss',
      audience: 'aud',
    });
  });

  it('pins RS256 and ES256 for a public key', () => {
    const key = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----';
    expect(jwtVerificationSettings(load({ JWT_PUBLIC_KEY: key }))).toMatchObject({ secret: null, publicKey: key, algorithms: ['RS256', 'ES256'], usesDevelopmentSecret: false });
  });

  it('pins RS256 and ES256 for a JWKS URL, adding HS256 only with an explicit JWT_SECRET', () => {
    const url = 'https://idp.example.com/realms/jobs/protocol/openid-connect/certs';
    expect(jwtVerificationSettings(load({ JWT_JWKS_URL: url }))).toMatchObject({ secret: null, jwksUrl: url, algorithms: ['RS256', 'ES256'], usesDevelopmentSecret: false, keyMaterial: url });
    expect(jwtVerificationSettings(load({ JWT_JWKS_URL: url, JWT_SECRET: 'a-secret-that-is-long-enough' }))).toMatchObject({
      secret: 'a-secret-that-is-long-enough',
      algorithms: ['RS256', 'ES256', 'HS256'],
    });
  });

  it('maps the configured claims', () => {
    const env = load({ JWT_SUBJECT_CLAIM: 'preferred_username', JWT_ORG_CLAIM: 'https://jobs.example.com/org', JWT_ROLES_CLAIM: 'realm_access.roles', JWT_ADMIN_ROLE: 'jobs-admin' });
    expect(jwtVerificationSettings(env).claims).toEqual({ subjectClaim: 'preferred_username', orgClaim: 'https://jobs.example.com/org', rolesClaim: 'realm_access.roles', adminRole: 'jobs-admin' });
  });
});

describe('identity provider settings', () => {
  const url = 'https://idp.example.com/.well-known/jwks.json';

  it('refuses malformed claim names and URLs, one message each', () => {
    const attempt = () => load({ JWT_JWKS_URL: 'idp.example.com/jwks', JWT_ROLES_CLAIM: 'realm_access..roles', JWT_ORG_CLAIM: 'my org', JWT_SUBJECT_CLAIM: '.sub', JWT_ADMIN_ROLE: 'jobs admin', JWT_JWKS_COOLDOWN_SECONDS: '-1' });
    expect(attempt).toThrow('  - JWT_JWKS_URL: JWT_JWKS_URL must be an http(s) URL');
    expect(attempt).toThrow('  - JWT_ROLES_CLAIM: JWT_ROLES_CLAIM must be a claim name');
    expect(attempt).toThrow('  - JWT_ORG_CLAIM: JWT_ORG_CLAIM must be a claim name');
    expect(attempt).toThrow('  - JWT_SUBJECT_CLAIM: JWT_SUBJECT_CLAIM must be a claim name');
    expect(attempt).toThrow('  - JWT_ADMIN_ROLE: JWT_ADMIN_ROLE must be a role name without spaces');
    expect(attempt).toThrow('JWT_JWKS_COOLDOWN_SECONDS');
  });

  it('takes a public key or a JWKS URL, not both', () => {
    expect(() => load({ JWT_JWKS_URL: url, JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx' })).toThrow('set JWT_PUBLIC_KEY or JWT_JWKS_URL, not both');
  });

  it('needs https, an issuer, an audience and a cursor secret in production', () => {
    const production = { NODE_ENV: 'production', JWT_ISSUER: 'https://idp.example.com/', JWT_AUDIENCE: 'jobs-api', CURSOR_SECRET: 'cursor-secret-16+' };
    expect(() => load({ ...production, JWT_JWKS_URL: 'http://idp.example.com/jwks' })).toThrow('JWT_JWKS_URL must be an https URL in production');
    expect(() => load({ ...production, JWT_JWKS_URL: url, CURSOR_SECRET: '' })).toThrow('CURSOR_SECRET is required in production with JWT_JWKS_URL');
    expect(() => load({ ...production, JWT_JWKS_URL: url, JWT_AUDIENCE: '' })).toThrow('JWT_ISSUER and JWT_AUDIENCE are required in production with JWT_JWKS_URL');
    expect(() => load({ ...production, JWT_JWKS_URL: url, JWT_ISSUER: '' })).toThrow('JWT_ISSUER and JWT_AUDIENCE are required in production with JWT_JWKS_URL');
    expect(load({ ...production, JWT_JWKS_URL: url }).JWT_JWKS_URL).toBe(url);
  });
});

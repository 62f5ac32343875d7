import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Expose, Type } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommonEnvironment } from './common-environment.js';
import { EnvironmentError, loadEnvironment } from './environment.js';

class SampleEnvironment {
  @Expose()
  @IsString()
  NAME: string;

  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIZE: number = 4;
}

describe('loadEnvironment', () => {
  it('keeps defaults, converts values and ignores unrelated variables', () => {
    const env = loadEnvironment(SampleEnvironment, { NAME: 'x', PATH: '/bin', SIZE: undefined });
    expect(env).toEqual(Object.assign(new SampleEnvironment(), { NAME: 'x', SIZE: 4 }));
    expect(loadEnvironment(SampleEnvironment, { NAME: 'x', SIZE: '9' }).SIZE).toBe(9);
  });

  it('treats empty values as unset', () => {
    expect(loadEnvironment(SampleEnvironment, { NAME: 'x', SIZE: '' }).SIZE).toBe(4);
  });

  it('names every problem in one error', () => {
    const load = () => loadEnvironment(SampleEnvironment, { SIZE: 'lots' });
    expect(load).toThrow(EnvironmentError);
    expect(load).toThrow('Invalid environment:\n  - NAME: NAME must be a string\n  - SIZE: SIZE must be an integer number');
  });

  it('runs cross-variable checks once each variable is valid', () => {
    expect(() => loadEnvironment(SampleEnvironment, { NAME: 'x' }, () => ['NAME and SIZE disagree'])).toThrow('  - NAME and SIZE disagree');
  });
});

class AppWithSecrets extends CommonEnvironment {
  static override readonly fileVariables = ['API_SECRET'];

  @Expose()
  @IsString()
  API_SECRET: string;
}

describe('secrets from files and the database connection', () => {
  const password = 'p/@#:s%w?rd';
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'jobs-environment-'));
    await writeFile(join(folder, 'api-secret'), 'secret-from-a-file\n');
    await writeFile(join(folder, 'db-password'), `${password}\n`);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads each secret the schema names from <NAME>_FILE, and composes DATABASE_URL from PG* variables', () => {
    const env = loadEnvironment(AppWithSecrets, {
      API_SECRET_FILE: join(folder, 'api-secret'),
      PGHOST: 'postgres',
      PGUSER: 'jobs',
      PGPASSWORD_FILE: join(folder, 'db-password'),
      PGDATABASE: 'jobs',
    });
    expect(env.API_SECRET).toBe('secret-from-a-file');
    const url = new URL(env.DATABASE_URL);
    expect([url.hostname, url.port, decodeURIComponent(url.username), decodeURIComponent(url.password), url.pathname]).toEqual([
      'postgres',
      '5432',
      'jobs',
      password,
      '/jobs',
    ]);
  });

  it('lists a missing secret file and a broken DATABASE_URL, once each, without the password', () => {
    let message = '';
    try {
      loadEnvironment(AppWithSecrets, { API_SECRET_FILE: join(folder, 'missing'), DATABASE_URL: `postgresql://jobs:${password}@postgres/jobs` });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid environment:',
      `  - API_SECRET: API_SECRET_FILE names ${join(folder, 'missing')}, which cannot be read (ENOENT)`,
      expect.stringMatching(/^  - DATABASE_URL: DATABASE_URL must be a postgresql:\/\/user:password@host:5432\/database connection string \(/),
    ]);
    expect(message).not.toContain(password);
  });

  it('says how to name the database when nothing does', () => {
    expect(() => loadEnvironment(AppWithSecrets, { API_SECRET: 'x' })).toThrow(
      'DATABASE_URL: DATABASE_URL is required (or DATABASE_URL_FILE, or PGHOST with PGUSER, PGPASSWORD and PGDATABASE)',
    );
  });

  it('takes DATABASE_DIRECT_URL (or its file) for the sessions, and refuses a broken one by its own name without the password', async () => {
    await writeFile(join(folder, 'direct-url'), 'postgresql://jobs:s3cret@postgres:5432/jobs\n');
    const pooled = 'postgresql://jobs:s3cret@pgbouncer:6432/jobs';
    expect(loadEnvironment(AppWithSecrets, { API_SECRET: 'x', DATABASE_URL: pooled }).connectionUrls()).toEqual({ url: pooled });
    expect(loadEnvironment(AppWithSecrets, { API_SECRET: 'x', DATABASE_URL: pooled, DATABASE_DIRECT_URL_FILE: join(folder, 'direct-url') }).connectionUrls()).toEqual({
      url: pooled,
      directUrl: 'postgresql://jobs:s3cret@postgres:5432/jobs',
    });
    let message = '';
    try {
      loadEnvironment(AppWithSecrets, { API_SECRET: 'x', DATABASE_URL: pooled, DATABASE_DIRECT_URL: `postgresql://jobs:${password}@postgres/jobs` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid environment:',
      expect.stringMatching(/^  - DATABASE_DIRECT_URL: DATABASE_DIRECT_URL must be a postgresql:\/\/user:password@host:5432\/database connection string \(/),
    ]);
    expect(message).not.toContain(password);
  });
});

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { connectionStringProblem, databaseUrlFromEnvironment, directDatabaseUrlFromEnvironment, readVariable, VariableError } from './environment-variables.js';

const HOSTILE_PASSWORD = 'p/@#:?%&= ss\\w"rd';

describe('environment variables and secret files', () => {
  let folder: string;
  const file = (name: string) => join(folder, name);

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'jobs-secrets-'));
    await writeFile(file('secret'), 'from-a-file\n');
    await writeFile(file('crlf'), 'windows\r\n\r\n');
    await writeFile(file('password'), `${HOSTILE_PASSWORD}\n`);
    await writeFile(file('url'), 'postgresql://jobs:plain@db.example:5432/jobs\n');
    await writeFile(file('unreadable'), 'x');
    await chmod(file('unreadable'), 0o000);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a variable directly or from the file <NAME>_FILE names, without the trailing newline', () => {
    expect(readVariable({ TOKEN: 'direct' }, 'TOKEN')).toBe('direct');
    expect(readVariable({ TOKEN_FILE: file('secret') }, 'TOKEN')).toBe('from-a-file');
    expect(readVariable({ TOKEN_FILE: file('crlf') }, 'TOKEN')).toBe('windows');
    expect(readVariable({ TOKEN: '', TOKEN_FILE: '' }, 'TOKEN')).toBeUndefined();
    expect(readVariable({}, 'TOKEN')).toBeUndefined();
  });

  it('names the variable and the file when the file is missing or unreadable, and refuses both forms at once', () => {
    expect(() => readVariable({ TOKEN_FILE: file('missing') }, 'TOKEN')).toThrow(`TOKEN_FILE names ${file('missing')}, which cannot be read (ENOENT)`);
    if (process.getuid?.() !== 0) {
      // Root reads any file: the permission case exists for everyone else.
      expect(() => readVariable({ TOKEN_FILE: file('unreadable') }, 'TOKEN')).toThrow('which cannot be read (EACCES)');
    }
    expect(() => readVariable({ TOKEN_FILE: file('secret'), TOKEN: 'x' }, 'TOKEN')).toThrow(new VariableError('TOKEN', 'set TOKEN or TOKEN_FILE, not both'));
  });

  it('composes DATABASE_URL from PGHOST, PGUSER, PGPASSWORD(_FILE) and PGDATABASE so that any password survives', () => {
    for (const env of [
      { PGHOST: 'db', PGUSER: 'jobs@corp', PGPASSWORD: HOSTILE_PASSWORD, PGDATABASE: 'my jobs' },
      { PGHOST: 'db', PGUSER: 'jobs@corp', PGPASSWORD_FILE: file('password'), PGDATABASE: 'my jobs' },
    ]) {
      const url = databaseUrlFromEnvironment(env);
      expect(connectionStringProblem(url!)).toBeUndefined();
      // What node-postgres itself reads from it.
      const client = new pg.Client({ connectionString: url });
      expect({ host: client.host, port: client.port, user: client.user, password: client.password, database: client.database }).toEqual({
        host: 'db',
        port: 5432,
        user: 'jobs@corp',
        password: HOSTILE_PASSWORD,
        database: 'my jobs',
      });
    }
    expect(databaseUrlFromEnvironment({ PGHOST: '::1', PGPORT: '6543', PGDATABASE: 'jobs' })).toBe('postgresql://[::1]:6543/jobs');
    expect(() => databaseUrlFromEnvironment({ PGHOST: 'db', PGPORT: 'five' })).toThrow('PGPORT must be a port number');
  });

  it('prefers DATABASE_URL or DATABASE_URL_FILE, and is undefined when nothing is set', () => {
    expect(databaseUrlFromEnvironment({ DATABASE_URL: 'postgres://a@b/c', PGHOST: 'ignored' })).toBe('postgres://a@b/c');
    expect(databaseUrlFromEnvironment({ DATABASE_URL_FILE: file('url') })).toBe('postgresql://jobs:plain@db.example:5432/jobs');
    expect(databaseUrlFromEnvironment({})).toBeUndefined();
  });

  it('refuses a DATABASE_URL with an unescaped password in one line that does not repeat it', () => {
    for (const broken of ['postgresql://jobs:pa/ss@db:5432/jobs', 'postgresql://jobs:pa#ss@db:5432/jobs', 'postgresql://jobs:a@b@:5432/jobs', 'mysql://x@db/jobs', 'not a url']) {
      let thrown: unknown;
      try {
        databaseUrlFromEnvironment({ DATABASE_URL: broken });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(VariableError);
      const message = (thrown as Error).message;
      expect(message).toContain('DATABASE_URL must be a postgresql://user:password@host:5432/database connection string');
      expect(message).not.toContain('pa/ss');
      expect(message).not.toContain('\n');
    }
  });

  it('reads DATABASE_DIRECT_URL or its file, undefined when unset, and refuses a broken one by its own name', () => {
    expect(directDatabaseUrlFromEnvironment({ DATABASE_DIRECT_URL: 'postgres://a@db:5432/c', DATABASE_URL: 'postgres://a@pooler:6432/c' })).toBe('postgres://a@db:5432/c');
    expect(directDatabaseUrlFromEnvironment({ DATABASE_DIRECT_URL_FILE: file('url') })).toBe('postgresql://jobs:plain@db.example:5432/jobs');
    expect(directDatabaseUrlFromEnvironment({ DATABASE_URL: 'postgres://a@b/c' })).toBeUndefined();
    expect(() => directDatabaseUrlFromEnvironment({ DATABASE_DIRECT_URL: 'postgresql://jobs:pa/ss@db:5432/jobs' })).toThrow(
      new VariableError('DATABASE_DIRECT_URL', 'DATABASE_DIRECT_URL must be a postgresql://user:password@host:5432/database connection string (characters such as / @ # : in the password percent-encoded, e.g. with encodeURIComponent)'),
    );
  });
});

import { readFileSync } from 'node:fs';

/** A variable that is set wrongly; the message names it and says what to do, never its value. */
export class VariableError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export type Variables = Record<string, string | undefined>;

/**
 * `name`'s value, or the contents of the file `<name>_FILE` names (Docker and Kubernetes secrets),
 * without the trailing newline an editor or `echo` leaves. Empty values count as unset.
 */
export function readVariable(env: Variables, name: string): string | undefined {
  const direct = env[name] || undefined;
  const file = env[`${name}_FILE`] || undefined;
  if (direct !== undefined && file !== undefined) throw new VariableError(name, `set ${name} or ${name}_FILE, not both`);
  if (file === undefined) return direct;
  let contents: string;
  try {
    contents = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VariableError(name, `${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return contents.replace(/(\r?\n)+$/, '') || undefined;
}

/**
 * The PostgreSQL connection string: `DATABASE_URL` (or `DATABASE_URL_FILE`), else one composed from
 * libpq's variables `PGHOST`, `PGPORT` (5432), `PGUSER`, `PGPASSWORD` (or `PGPASSWORD_FILE`) and
 * `PGDATABASE`, each part percent-encoded so that any password works. Undefined when none is set.
 */
export function databaseUrlFromEnvironment(env: Variables): string | undefined {
  const url = readVariable(env, 'DATABASE_URL');
  const host = env['PGHOST'] || undefined;
  if (url !== undefined) {
    const problem = connectionStringProblem(url);
    if (problem) throw new VariableError('DATABASE_URL', problem);
    return url;
  }
  if (host === undefined) return undefined;
  const user = env['PGUSER'] || undefined;
  const password = readVariable(env, 'PGPASSWORD');
  const credentials = user === undefined ? '' : `${encodeURIComponent(user)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@`;
  const port = env['PGPORT'] || '5432';
  if (!/^\d{1,5}$/.test(port)) throw new VariableError('PGPORT', 'PGPORT must be a port number');
  const database = env['PGDATABASE'] || undefined;
  const hostPart = host.includes(':') ? `[${host}]` : encodeURIComponent(host);
  return `postgresql://${credentials}${hostPart}:${port}/${database === undefined ? '' : encodeURIComponent(database)}`;
}

/**
 * `DATABASE_DIRECT_URL` (or `DATABASE_DIRECT_URL_FILE`): a connection straight to PostgreSQL, for
 * what needs a session of its own when `DATABASE_URL` names a transaction-pooling PgBouncer.
 * Undefined when unset: the sessions then use `DATABASE_URL` too.
 */
export function directDatabaseUrlFromEnvironment(env: Variables): string | undefined {
  const url = readVariable(env, 'DATABASE_DIRECT_URL');
  if (url === undefined) return undefined;
  const problem = connectionStringProblem(url, 'DATABASE_DIRECT_URL');
  if (problem) throw new VariableError('DATABASE_DIRECT_URL', problem);
  return url;
}

/**
 * What is wrong with a connection string, or undefined. The message never repeats the string, which
 * holds the password.
 */
export function connectionStringProblem(url: string, variable = 'DATABASE_URL'): string | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol) || !parsed.hostname || parsed.hash) {
    const alternative = variable === 'DATABASE_URL' ? '; or set PGHOST, PGUSER, PGPASSWORD and PGDATABASE instead' : '';
    return `${variable} must be a postgresql://user:password@host:5432/database connection string (characters such as / @ # : in the password percent-encoded, e.g. with encodeURIComponent${alternative})`;
  }
  return undefined;
}

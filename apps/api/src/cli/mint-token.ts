import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readVariable, VariableError } from '@jobs/database';
import jwt, { type Algorithm, type SignOptions } from 'jsonwebtoken';
import { DEVELOPMENT_JWT_SECRET } from '../config/development-secret.js';

const USAGE = `Mints a JWT for local use.

  pnpm token --sub alice [--org acme] [--role admin]... [--expires-in 1h]
             [--private-key key.pem --alg RS256|ES256]

Signs with JWT_SECRET (or the file JWT_SECRET_FILE names) with HS256, or the development default
the API uses when neither is set.
With --private-key, signs RS256/ES256 for an API configured with JWT_PUBLIC_KEY.
JWT_ISSUER and JWT_AUDIENCE, when set, are put in the token.`;

/** A mistake in the command line: one line on stderr, exit code 2. */
class UsageError extends Error {}

/** Seconds (`3600`) or a duration jsonwebtoken understands (`90s`, `15m`, `1h`, `7d`). */
function expiresIn(value: string): SignOptions['expiresIn'] {
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d+(ms|s|m|h|d|w|y)$/.test(value)) return value as SignOptions['expiresIn'];
  throw new UsageError(`--expires-in must be seconds (3600) or a duration such as 90s, 15m, 1h or 7d, not "${value}"`);
}

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --private-key ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function main(): number {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      'expires-in': { type: 'string', default: '1h' },
      'private-key': { type: 'string' },
      alg: { type: 'string', default: 'RS256' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.sub) throw new UsageError('--sub is required: the subject the token is for');
  const claims: Record<string, unknown> = { sub: values.sub, roles: values.role ?? [] };
  if (values.org) claims['org'] = values.org;
  const options: SignOptions = { expiresIn: expiresIn(values['expires-in']) };
  if (process.env['JWT_ISSUER']) options.issuer = process.env['JWT_ISSUER'];
  if (process.env['JWT_AUDIENCE']) options.audience = process.env['JWT_AUDIENCE'];
  const privateKeyFile = values['private-key'];
  if (privateKeyFile && values.alg !== 'RS256' && values.alg !== 'ES256') throw new UsageError(`--alg must be RS256 or ES256, not "${values.alg}"`);
  let token: string;
  try {
    token = privateKeyFile
      ? jwt.sign(claims, readKey(privateKeyFile), { ...options, algorithm: values.alg as Algorithm })
      : jwt.sign(claims, readVariable(process.env, 'JWT_SECRET') ?? DEVELOPMENT_JWT_SECRET, { ...options, algorithm: 'HS256' });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof VariableError) throw new UsageError(error.message);
    throw new UsageError(`cannot sign: ${(error as Error).message}`); // e.g. a key that is not a PEM key of that algorithm
  }
  process.stdout.write(`${token}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  const parseArgsError = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
  if (!(error instanceof UsageError) && !parseArgsError) throw error;
  // One line: parseArgs' own messages go on with advice about '--' after their first sentence.
  console.error(`pnpm token: ${error.message.split(/(?<=\.) /)[0]} (pnpm token --help for usage)`);
  process.exitCode = 2;
}

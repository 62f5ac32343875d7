import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import jwt, { type Algorithm, type SignOptions } from 'jsonwebtoken';
import { DEVELOPMENT_JWT_SECRET } from '../config/development-secret.js';

const USAGE = `Mints a JWT for local use.

  pnpm token --sub alice [--org acme] [--role admin]... [--expires-in 1h]
             [--private-key key.pem --alg RS256|ES256]

Signs with JWT_SECRET (HS256), or the development default the API uses when JWT_SECRET is unset.
With --private-key, signs RS256/ES256 for an API configured with JWT_PUBLIC_KEY.
JWT_ISSUER and JWT_AUDIENCE, when set, are put in the token.`;

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
  if (values.help || !values.sub) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const claims: Record<string, unknown> = { sub: values.sub, roles: values.role ?? [] };
  if (values.org) claims['org'] = values.org;
  const options: SignOptions = { expiresIn: values['expires-in'] as SignOptions['expiresIn'] };
  if (process.env['JWT_ISSUER']) options.issuer = process.env['JWT_ISSUER'];
  if (process.env['JWT_AUDIENCE']) options.audience = process.env['JWT_AUDIENCE'];
  const privateKeyFile = values['private-key'];
  const token = privateKeyFile
    ? jwt.sign(claims, readFileSync(privateKeyFile, 'utf8'), { ...options, algorithm: values.alg as Algorithm })
    : jwt.sign(claims, process.env['JWT_SECRET'] ?? DEVELOPMENT_JWT_SECRET, { ...options, algorithm: 'HS256' });
  process.stdout.write(`${token}\n`);
  return 0;
}

process.exitCode = main();

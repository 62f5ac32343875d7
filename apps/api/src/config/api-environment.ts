import { parseCommaList } from '@jobs/dto';
import { CommonEnvironment, IntegerSetting } from '@jobs/runtime';
import { Expose, Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';
import { DEVELOPMENT_JWT_SECRET } from './development-secret.js';

/** A claim name: no spaces, no empty segment in a dotted path. */
const CLAIM_NAME = /^[^\s.]+(?:\.[^\s.]+)*$/;
const CLAIM_NAME_RULE = 'must be a claim name (e.g. roles, https://example.com/roles) or a dotted path (realm_access.roles), without spaces';

export class ApiEnvironment extends CommonEnvironment {
  static override readonly fileVariables = ['JWT_SECRET', 'JWT_PUBLIC_KEY', 'CURSOR_SECRET', 'WEBHOOK_SECRET'];

  @IntegerSetting(0, 65535)
  PORT: number = 3000;

  @Expose()
  @IsString()
  HOST: string = '0.0.0.0';

  /** HS256 signing secret. */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(16)
  JWT_SECRET?: string;

  /** PEM public key for RS256/ES256 tokens; replaces JWT_SECRET. */
  @Expose()
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' })
  JWT_PUBLIC_KEY?: string;

  /** An identity provider's JWKS URL: RS256/ES256 tokens are verified with its keys, chosen by `kid`. */
  @Expose()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  JWT_JWKS_URL?: string;

  /** How long a fetched key set is used before it is fetched again. */
  @IntegerSetting(1)
  JWT_JWKS_CACHE_SECONDS: number = 600;

  /** Least time between two fetches of the key set (an unknown `kid` asks for one). */
  @IntegerSetting(0)
  JWT_JWKS_COOLDOWN_SECONDS: number = 30;

  /** Which claim holds the subject (the jobs' owner); a top-level name, else a dotted path. */
  @Expose()
  @Matches(CLAIM_NAME, { message: `JWT_SUBJECT_CLAIM ${CLAIM_NAME_RULE}` })
  JWT_SUBJECT_CLAIM: string = 'sub';

  /** Which claim holds the organisation. */
  @Expose()
  @Matches(CLAIM_NAME, { message: `JWT_ORG_CLAIM ${CLAIM_NAME_RULE}` })
  JWT_ORG_CLAIM: string = 'org';

  /** Which claim holds the roles: an array of strings, or a space-separated string such as `scope`. */
  @Expose()
  @Matches(CLAIM_NAME, { message: `JWT_ROLES_CLAIM ${CLAIM_NAME_RULE}` })
  JWT_ROLES_CLAIM: string = 'roles';

  /** The role that sees every job and may use the admin routes. */
  @Expose()
  @Matches(/^\S{1,255}$/, { message: 'JWT_ADMIN_ROLE must be a role name without spaces' })
  JWT_ADMIN_ROLE: string = 'admin';

  @Expose()
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @Expose()
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** Largest request body accepted, in bytes (default 1 MiB). */
  @IntegerSetting(1024)
  BODY_LIMIT_BYTES: number = 1_048_576;

  /** Signs list cursors; defaults to a key derived from the JWT secret or public key. */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(16)
  CURSOR_SECRET?: string;

  /** How long `GET /v1/jobs/stats` figures are served from memory. */
  @IntegerSetting(0)
  STATS_CACHE_SECONDS: number = 5;

  /** Signs webhook deliveries of jobs submitted without a `webhook.secret` of their own. */
  @Expose()
  @IsOptional()
  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET?: string;

  /** Requests per minute one token (or, unauthenticated, one address) may make; 0 turns the limit off. */
  @IntegerSetting(0)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /** Origins allowed to call the API from browsers, comma-separated (`*` for any); none by default. */
  @Expose()
  @Transform(parseCommaList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /** Seconds between `ping` events on job streams. */
  @IntegerSetting(1)
  SSE_PING_SECONDS: number = 30;
}

/** Checks across variables, run after each variable is valid on its own. */
export function apiEnvironmentProblems(env: ApiEnvironment): string[] {
  const problems: string[] = [];
  if (env.JWT_SECRET && env.JWT_PUBLIC_KEY) problems.push('set JWT_SECRET (HS256) or JWT_PUBLIC_KEY (RS256/ES256), not both');
  if (env.JWT_PUBLIC_KEY && env.JWT_JWKS_URL) problems.push('set JWT_PUBLIC_KEY or JWT_JWKS_URL, not both');
  if (env.NODE_ENV === 'production') {
    if (env.JWT_JWKS_URL && !env.JWT_JWKS_URL.startsWith('https://')) problems.push('JWT_JWKS_URL must be an https URL in production');
    // A provider's keys sign tokens for all of its clients (Entra's common keys: for every tenant).
    if (env.JWT_JWKS_URL && (!env.JWT_ISSUER || !env.JWT_AUDIENCE)) problems.push('JWT_ISSUER and JWT_AUDIENCE are required in production with JWT_JWKS_URL (the provider signs tokens for other clients too)');
    if (env.JWT_JWKS_URL && !env.JWT_SECRET && !env.CURSOR_SECRET) problems.push('CURSOR_SECRET is required in production with JWT_JWKS_URL and no JWT_SECRET (there is no shared key to derive it from)');
    if (!env.JWT_SECRET && !env.JWT_PUBLIC_KEY && !env.JWT_JWKS_URL) problems.push('JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL is required in production');
    else if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) problems.push('JWT_SECRET is the development default; set a secret of your own');
    else if (env.JWT_SECRET?.startsWith('change-me')) problems.push('JWT_SECRET is the placeholder from .env.example; set a secret of your own');
    else if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) problems.push('JWT_SECRET must be at least 32 characters in production');
  }
  return problems;
}

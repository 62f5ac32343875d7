import { parseCommaList } from '@jobs/dto';
import { CommonEnvironment, IntegerSetting } from '@jobs/runtime';
import { Expose, Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { DEVELOPMENT_JWT_SECRET } from './development-secret.js';

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
  if (env.NODE_ENV === 'production' && !env.JWT_PUBLIC_KEY) {
    if (!env.JWT_SECRET) problems.push('JWT_SECRET or JWT_PUBLIC_KEY is required in production');
    else if (env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) problems.push('JWT_SECRET is the development default; set a secret of your own');
    else if (env.JWT_SECRET.startsWith('change-me')) problems.push('JWT_SECRET is the placeholder from .env.example; set a secret of your own');
    else if (env.JWT_SECRET.length < 32) problems.push('JWT_SECRET must be at least 32 characters in production');
  }
  return problems;
}

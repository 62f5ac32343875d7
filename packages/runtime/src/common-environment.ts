import { SAMPLE_LIMITS } from '@jobs/contracts';
import { parseBooleanString, parseCommaList } from '@jobs/dto';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IntegerSetting } from './environment.js';
import type { LoggingOptions } from './logging.module.js';

/** Settings the API and the worker share; each app's environment class extends this one. */
export class CommonEnvironment {
  @Expose()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Expose()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgresql:// connection string' })
  DATABASE_URL: string;

  /** Connections per pool in this process (Prisma's and pg-boss's each). */
  @IntegerSetting(2)
  DATABASE_POOL_SIZE: number = 10;

  /** Also accept and run the diagnostics.* job types; set it on the API and the workers alike. */
  @Expose()
  @Transform(parseBooleanString)
  @IsBoolean()
  ENABLE_DIAGNOSTIC_JOBS: boolean = false;

  /** Also accept and run bench.noop, for the benchmarks; set it on the API and the workers alike. */
  @Expose()
  @Transform(parseBooleanString)
  @IsBoolean()
  ENABLE_BENCHMARK_JOBS: boolean = false;

  /** Webhook hosts (names or IP addresses) allowed although they are loopback or private. */
  @Expose()
  @Transform(parseCommaList)
  @IsString({ each: true })
  WEBHOOK_ALLOWED_HOSTS: string[] = [];

  /** Largest sample `sample.analyze` accepts, in bytes; set it on the API and the workers alike. */
  @IntegerSetting(1, 1024 * 1024 * 1024)
  SAMPLE_MAX_BYTES: number = SAMPLE_LIMITS.defaultMaxBytes;

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** `json` (one object per line) or `pretty`; pretty in development, JSON elsewhere, unless set. */
  @Expose()
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';
}

/** The logging settings of an app's validated environment. */
export function loggingOptionsFor(app: LoggingOptions['app'], env: CommonEnvironment): LoggingOptions {
  return { app, level: env.LOG_LEVEL, pretty: (env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json')) === 'pretty' };
}

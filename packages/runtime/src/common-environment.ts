import { SAMPLE_LIMITS, SCHEDULE_LIMITS } from '@jobs/contracts';
import { type ConnectionUrls, connectionStringProblem, databaseUrlFromEnvironment, directDatabaseUrlFromEnvironment, readVariable, VariableError } from '@jobs/database';
import { tracingSettingsFrom } from '@jobs/tracing';
import { JOB_TYPES, type JobCatalogOptions, parseBooleanString, parseCommaList, parseFairnessOverrides, parseRateLimitOverrides } from '@jobs/dto';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, ValidateBy } from 'class-validator';
import { type EnvironmentSource, IntegerSetting, type VariableProblem } from './environment.js';
import type { LoggingOptions } from './logging.module.js';

/** Settings the API and the worker share; each app's environment class extends this one. */
export class CommonEnvironment {
  /** Secrets that may be given as a file named by `<NAME>_FILE` instead (Docker secrets). */
  static readonly fileVariables: readonly string[] = [];

  /**
   * The variables the schema reads: each of `fileVariables` from its file when so given, and
   * `DATABASE_URL` from `DATABASE_URL_FILE` or composed from `PGHOST`, `PGUSER`, `PGPASSWORD`(`_FILE`)… .
   */
  static resolveVariables(this: { fileVariables: readonly string[] }, source: EnvironmentSource) {
    const variables = { ...source };
    const problems: VariableProblem[] = [];
    const resolve = (variable: string, read: () => string | undefined) => {
      try {
        variables[variable] = read();
      } catch (error) {
        if (!(error instanceof VariableError)) throw error;
        problems.push({ variable, message: error.message });
      }
    };
    for (const name of this.fileVariables) resolve(name, () => readVariable(source, name));
    resolve('DATABASE_URL', () => databaseUrlFromEnvironment(source));
    resolve('DATABASE_DIRECT_URL', () => directDatabaseUrlFromEnvironment(source));
    // OpenTelemetry's standard variables are read by startTracing; checked here so a bad one fails the boot.
    problems.push(...tracingSettingsFrom(source).problems);
    return { variables, problems };
  }

  @Expose()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Expose()
  @IsDefined({ message: 'DATABASE_URL is required (or DATABASE_URL_FILE, or PGHOST with PGUSER, PGPASSWORD and PGDATABASE)' })
  @ValidateBy({
    name: 'connectionString',
    validator: {
      // A missing value is IsDefined's to report.
      validate: (value: unknown) => value === undefined || (typeof value === 'string' && !connectionStringProblem(value)),
      defaultMessage: () => connectionStringProblem('') ?? '',
    },
  })
  DATABASE_URL: string;

  /**
   * Straight to PostgreSQL when `DATABASE_URL` names a transaction-pooling PgBouncer: the LISTEN
   * sessions (a worker's registration among them) use it; `DATABASE_URL` by default.
   */
  @Expose()
  @IsOptional()
  @ValidateBy({
    name: 'directConnectionString',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !connectionStringProblem(value, 'DATABASE_DIRECT_URL'),
      defaultMessage: () => connectionStringProblem('', 'DATABASE_DIRECT_URL') ?? '',
    },
  })
  DATABASE_DIRECT_URL?: string;

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

  /** The shortest time between two firings of a schedule: the API refuses expressions that fire more often, workers never fire sooner. Set it on the API and the workers alike. */
  @IntegerSetting(1, 86_400)
  SCHEDULE_MIN_INTERVAL_SECONDS: number = SCHEDULE_LIMITS.defaultMinIntervalSeconds;

  /** Largest sample `sample.analyze` accepts, in bytes; set it on the API and the workers alike. */
  @IntegerSetting(1, 1024 * 1024 * 1024)
  SAMPLE_MAX_BYTES: number = SAMPLE_LIMITS.defaultMaxBytes;

  /** Fair sharing per type, over the catalog's: `*=owner:0.5,domain.similar=organisation:0.25,bench.noop=off`; set it on the API and the workers alike. */
  @Expose()
  @ValidateBy(entriesSetting(parseFairnessOverrides))
  JOB_FAIRNESS: string = '';

  /** Starts per second or minute per type, across workers: `domain.similar=10/second,text.indicators=600/minute`; set it on the API and the workers alike. */
  @Expose()
  @ValidateBy(entriesSetting(parseRateLimitOverrides))
  JOB_RATE_LIMITS: string = '';

  @Expose()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** `json` (one object per line) or `pretty`; pretty in development, JSON elsewhere, unless set. */
  @Expose()
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** Where this process connects: statements to `DATABASE_URL`, sessions to `DATABASE_DIRECT_URL`. */
  connectionUrls(): ConnectionUrls {
    return this.DATABASE_DIRECT_URL === undefined ? { url: this.DATABASE_URL } : { url: this.DATABASE_URL, directUrl: this.DATABASE_DIRECT_URL };
  }

  /** The job catalog this deployment runs: its switches, sample limit, fairness and rate limits. */
  catalogOptions(): JobCatalogOptions {
    return {
      diagnostics: this.ENABLE_DIAGNOSTIC_JOBS,
      benchmarks: this.ENABLE_BENCHMARK_JOBS,
      sampleMaxBytes: this.SAMPLE_MAX_BYTES,
      overrides: {
        fairness: parseFairnessOverrides(this.JOB_FAIRNESS, TYPE_NAMES).settings,
        rateLimits: parseRateLimitOverrides(this.JOB_RATE_LIMITS, TYPE_NAMES).settings,
      },
    };
  }
}

/** Every type an override may name, enabled in this deployment or not: the same value is set on every process. */
const TYPE_NAMES = JOB_TYPES.map((definition) => definition.name);

/** A variable of `type=setting` entries: valid when its parser finds no problem; the message lists them all. */
function entriesSetting(parse: (text: string, typeNames: readonly string[]) => { problems: string[] }) {
  return {
    name: 'jobTypeEntries',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parse(value, TYPE_NAMES).problems.length === 0,
      defaultMessage: (args?: { value: unknown }) =>
        typeof args?.value === 'string' ? parse(args.value, TYPE_NAMES).problems.join('; ') : '$property must be a string',
    },
  };
}

/** The logging settings of an app's validated environment. */
export function loggingOptionsFor(app: LoggingOptions['app'], env: CommonEnvironment): LoggingOptions {
  return { app, level: env.LOG_LEVEL, pretty: (env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json')) === 'pretty' };
}

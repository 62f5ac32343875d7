import { parseBooleanString } from '@jobs/contracts';
import { Expose, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, Matches, Max, Min } from 'class-validator';

export class WorkerEnvironment {
  @Expose()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Expose()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgresql:// connection string' })
  DATABASE_URL: string;

  /** Jobs of each type this process runs at once. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY: number = 4;

  @Expose()
  @Type(() => Number)
  @IsNumber()
  @Min(0.5)
  WORKER_POLL_INTERVAL_SECONDS: number = 2;

  /** On SIGTERM, how long running jobs may finish before they are handed back to the queue. */
  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WORKER_SHUTDOWN_TIMEOUT_SECONDS: number = 30;

  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  DATABASE_POOL_SIZE: number = 10;

  /** Also run the diagnostics.* job types (the API must enable them too). */
  @Expose()
  @Transform(parseBooleanString)
  @IsBoolean()
  ENABLE_DIAGNOSTIC_JOBS: boolean = false;
}

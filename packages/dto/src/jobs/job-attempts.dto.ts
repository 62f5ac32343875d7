import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../common/api-schema.js';
import { JobError } from './job.dto.js';

export class AttemptWorker implements wire.AttemptWorker {
  @ApiProperty({ format: 'uuid' })
  id: string;
  host: string;
  @ApiInteger({ minimum: 0 })
  pid: number;
}

/** One run of a job's handler. */
export class JobAttempt implements wire.JobAttempt {
  /** 1 for the first attempt of a run, 2 for its first automatic retry, … */
  @ApiInteger({ minimum: 1 })
  number: number;
  /** 1 for the job's first run, 2 after its first manual retry (which numbers its attempts from 1 again), … */
  @ApiInteger({ minimum: 1 })
  run: number;
  /** Null when the worker is unknown (it was never registered). */
  worker: AttemptWorker | null;
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  /** Null while it runs. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt: string | null;
  /** How it ended (`RETRIED`: it failed and another attempt follows; `LOST`: its worker died or lost its claim); null while it runs. */
  outcome: wire.AttemptOutcome | null;
  error: JobError | null;
  /** From its start to its end; null while it runs. */
  @ApiInteger({ minimum: 0, nullable: true })
  durationMs: number | null;
}

export class JobAttemptListResponse implements wire.JobAttemptListResponse {
  @ApiProperty({ format: 'uuid' })
  jobId: string;
  /** Oldest first. */
  items: JobAttempt[];
}

import type * as wire from '@jobs/contracts';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { ApiInteger } from '../common/api-schema.js';

export class FairnessSettings implements wire.FairnessSettings {
  @ApiProperty({ enum: ['owner', 'organisation'] })
  by: wire.FairnessGroup;
  /** Fraction of one worker's slots for the type a tenant may hold while others wait. */
  // OpenAPI 3.1's numeric exclusiveMinimum; the decorator's typing knows only 3.0's boolean.
  @ApiProperty({ type: 'number', exclusiveMinimum: 0, maximum: 1 } as unknown as ApiPropertyOptions)
  share: number;
}

export class RateLimitSettings implements wire.RateLimitSettings {
  @ApiInteger({ minimum: 1 })
  limit: number;
  @ApiProperty({ enum: ['second', 'minute'] })
  per: wire.RatePeriod;
}

export class JobTypeInfo implements wire.JobTypeInfo {
  name: string;
  description: string;
  /** JSON Schema of the payload, derived from its contract class. */
  payloadSchema: Record<string, unknown>;
  resultType: string;
  @ApiInteger({ minimum: 1 })
  defaultTimeoutSeconds: number;
  @ApiInteger({ minimum: 1 })
  defaultMaxAttempts: number;
  hasCompactResult: boolean;
  /** How the type's running slots are shared between tenants; null: first queued, first run. */
  fairness: FairnessSettings | null;
  /** At most this many starts per second or minute across all workers; null: unlimited. */
  rateLimit: RateLimitSettings | null;
}

export class JobTypeListResponse implements wire.JobTypeListResponse {
  data: JobTypeInfo[];
}

import type * as wire from '@jobs/contracts';
import { ApiInteger } from '../common/api-schema.js';

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
}

export class JobTypeListResponse implements wire.JobTypeListResponse {
  data: JobTypeInfo[];
}

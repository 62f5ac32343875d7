import type * as wire from '@jobs/contracts';

export class JobTypeInfo implements wire.JobTypeInfo {
  name: string;
  description: string;
  /** JSON Schema of the payload, derived from its contract class. */
  payloadSchema: Record<string, unknown>;
  resultType: string;
  defaultTimeoutSeconds: number;
  defaultMaxAttempts: number;
  hasCompactResult: boolean;
}

export class JobTypeListResponse implements wire.JobTypeListResponse {
  data: JobTypeInfo[];
}

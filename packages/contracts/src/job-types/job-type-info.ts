export interface JobTypeInfo {
  name: string;
  description: string;
  /** JSON Schema of the payload, derived from its contract class. */
  payloadSchema: Record<string, unknown>;
  resultType: string;
  defaultTimeoutSeconds: number;
  defaultMaxAttempts: number;
  hasCompactResult: boolean;
}

export interface JobTypeListResponse {
  data: JobTypeInfo[];
}

/** `GET /v1/jobs/:id/result` and `GET /v1/results/:resultId`. */
export interface ResultQuery {
  /** Return the result type's compact form. */
  compact?: boolean;
}

export interface ResultLinks {
  self: string;
  job: string;
}

export interface ResultResponse {
  id: string;
  jobId: string;
  /** The result type, e.g. `indicators`. */
  type: string;
  /** True when `data` is the type's compact form. */
  compact: boolean;
  data: unknown;
  createdAt: string;
  links: ResultLinks;
}

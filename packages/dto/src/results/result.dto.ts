import type * as wire from '@jobs/contracts';

export class ResultLinks implements wire.ResultLinks {
  self: string;
  job: string;
}

export class ResultResponse implements wire.ResultResponse {
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

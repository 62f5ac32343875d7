import type { CreateJobRequest } from './create-job.js';
import type { JobAcceptedResponse } from './job.js';

export const MAX_BATCH_SIZE = 1000;

/** `POST /v1/jobs/batch`: accepted all together or not at all. */
export interface CreateJobBatchRequest {
  jobs: CreateJobRequest[];
}

export interface BatchAcceptedResponse {
  /** One entry per submitted job, in request order. */
  jobs: JobAcceptedResponse[];
}

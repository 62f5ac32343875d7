import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { CreateJobRequest } from './create-job.dto.js';
import type { JobAcceptedResponse } from './job.dto.js';

export const MAX_BATCH_SIZE = 1000;

export class CreateJobBatchRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @ValidateNested({ each: true })
  @Type(() => CreateJobRequest)
  jobs: CreateJobRequest[];
}

export class BatchAcceptedResponse {
  /** One entry per submitted job, in request order. */
  jobs: JobAcceptedResponse[];
}

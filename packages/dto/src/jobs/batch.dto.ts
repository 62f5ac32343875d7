import { MAX_BATCH_SIZE } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { CreateJobRequest } from './create-job.dto.js';
import type { JobAcceptedResponse } from './job.dto.js';

export class CreateJobBatchRequest implements wire.CreateJobBatchRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @ValidateNested({ each: true })
  @Type(() => CreateJobRequest)
  jobs: CreateJobRequest[];
}

export class BatchAcceptedResponse implements wire.BatchAcceptedResponse {
  /** One entry per submitted job, in request order. */
  jobs: JobAcceptedResponse[];
}

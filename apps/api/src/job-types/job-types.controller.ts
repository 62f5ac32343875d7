import { fairnessOf, JobCatalog, JobTypeListResponse, payloadJsonSchema, rateLimitOf } from '@jobs/dto';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('job-types')
@Controller('job-types')
export class JobTypesController {
  private readonly listing: JobTypeListResponse;

  constructor(catalog: JobCatalog) {
    this.listing = {
      data: catalog.definitions.map((definition) => ({
        name: definition.name,
        description: definition.description,
        payloadSchema: payloadJsonSchema(definition),
        resultType: definition.resultType,
        defaultTimeoutSeconds: definition.defaults.timeoutSeconds,
        defaultMaxAttempts: definition.defaults.maxAttempts,
        hasCompactResult: definition.compact !== undefined,
        fairness: fairnessOf(definition),
        rateLimit: rateLimitOf(definition),
      })),
    };
  }

  /** The registered job types with their payload JSON Schemas, defaults, fair sharing and rate limits. */
  @Get()
  list(): JobTypeListResponse {
    return this.listing;
  }
}

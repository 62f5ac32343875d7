import { ApiIndex } from '@jobs/dto';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/jwt-auth.guard.js';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH } from '../openapi/openapi.js';
import { PROBLEMS_PATH } from '../problems/problem-pages.js';

const API_INDEX: ApiIndex = {
  name: 'Jobs platform API',
  links: { docs: `/${OPENAPI_UI_PATH}`, openapi: `/${OPENAPI_JSON_PATH}`, health: '/health/ready', problems: PROBLEMS_PATH, jobs: '/v1/jobs' },
};

/** `/`, so that whoever finds the API's address learns where to read about it. */
@Public()
@SkipThrottle()
@ApiTags('operations')
@Controller()
export class ApiIndexController {
  /** Where the documentation, the OpenAPI document, the readiness probe, the problem pages and the jobs are. */
  @Get()
  @ApiOperation({ security: [] })
  index(): ApiIndex {
    return API_INDEX;
  }
}
